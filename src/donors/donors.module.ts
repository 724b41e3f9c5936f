import { Module } from '@nestjs/common';
import { FundModule } from '../fund/fund.module';
import { DonationsService } from './donations.service';
import { DonationsController, DonorsController } from './donors.controller';
import { DonorsService } from './donors.service';

@Module({
  imports: [FundModule],
  controllers: [DonorsController, DonationsController],
  providers: [DonorsService, DonationsService],
  exports: [DonorsService, DonationsService],
})
export class DonorsModule {}
