import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { FundModule } from '../fund/fund.module';
import { SocietiesModule } from '../societies/societies.module';
import { VotesDeadlineJob } from './votes-deadline.job';
import { VotesController } from './votes.controller';
import { VotesRepository } from './votes.repository';
import { VotesService } from './votes.service';

/** Board votes on cases' aid, and the job that closes them at their deadline. */
@Module({
  imports: [CasesModule, FundModule, SocietiesModule],
  controllers: [VotesController],
  providers: [VotesService, VotesRepository, VotesDeadlineJob],
  exports: [VotesService],
})
export class VotesModule {}
