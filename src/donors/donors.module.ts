import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { FundModule } from '../fund/fund.module';
import { DonationsService } from './donations.service';
import { DonationsController, DonorsController } from './donors.controller';
import { DonorsService } from './donors.service';
import { ReceiptsService } from './receipts.service';

@Module({
  imports: [FundModule, DocumentsModule],
  controllers: [DonorsController, DonationsController],
  providers: [DonorsService, DonationsService, ReceiptsService],
  exports: [DonorsService, DonationsService],
})
export class DonorsModule {}
