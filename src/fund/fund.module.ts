import { Module } from '@nestjs/common';
import { FundController } from './fund.controller';
import { LedgerService } from './ledger.service';

@Module({
  controllers: [FundController],
  providers: [LedgerService],
  exports: [LedgerService],
})
export class FundModule {}
