import { Module } from '@nestjs/common';
import { FundController } from './fund.controller';
import { IdempotencyInterceptor } from './idempotency';
import { LedgerService } from './ledger.service';

@Module({
  controllers: [FundController],
  providers: [LedgerService, IdempotencyInterceptor],
  exports: [LedgerService, IdempotencyInterceptor],
})
export class FundModule {}
