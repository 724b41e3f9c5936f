import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DocumentsModule } from '../documents/documents.module';
import { FundModule } from '../fund/fund.module';
import { SocietiesModule } from '../societies/societies.module';
import { DonationsRepository } from './donations.repository';
import { DonationsService } from './donations.service';
import { DonationsController, DonorsController } from './donors.controller';
import { DonorsRepository } from './donors.repository';
import { DonorsService } from './donors.service';
import { ReceiptsService } from './receipts.service';

@Module({
  imports: [FundModule, DocumentsModule, SocietiesModule, AuthModule],
  controllers: [DonorsController, DonationsController],
  providers: [DonorsService, DonorsRepository, DonationsService, DonationsRepository, ReceiptsService],
  exports: [DonorsService, DonationsService],
})
export class DonorsModule {}
