import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { FundModule } from '../fund/fund.module';
import { SocietiesModule } from '../societies/societies.module';
import { VotesModule } from '../votes/votes.module';
import { DisclosuresController } from './disclosures.controller';
import { DisclosuresRepository } from './disclosures.repository';
import { DisclosuresService } from './disclosures.service';
import { ObjectionsRepository } from './objections.repository';

/** Public notices of paid cases, residents' objections and the public API; exports DisclosuresService. */
@Module({
  imports: [CasesModule, VotesModule, SocietiesModule, FundModule],
  controllers: [DisclosuresController],
  providers: [DisclosuresService, DisclosuresRepository, ObjectionsRepository],
  exports: [DisclosuresService],
})
export class DisclosuresModule {}
