import { Module } from '@nestjs/common';
import { SocietiesModule } from '../societies/societies.module';
import { FundController } from './fund.controller';
import { HoldsRepository } from './holds.repository';
import { IdempotencyInterceptor } from './idempotency';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';

@Module({
  imports: [SocietiesModule],
  controllers: [FundController],
  providers: [LedgerService, LedgerRepository, HoldsRepository, IdempotencyInterceptor],
  exports: [LedgerService, IdempotencyInterceptor],
})
export class FundModule {}
