import { Module } from '@nestjs/common';
import { SocietiesModule } from '../societies/societies.module';
import { FundController } from './fund.controller';
import { HoldsRepository } from './holds.repository';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';

@Module({
  imports: [SocietiesModule],
  controllers: [FundController],
  providers: [LedgerService, LedgerRepository, HoldsRepository],
  exports: [LedgerService],
})
export class FundModule {}
