import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { DisclosuresModule } from '../disclosures/disclosures.module';
import { DonorsModule } from '../donors/donors.module';
import { FundModule } from '../fund/fund.module';
import { SocietiesModule } from '../societies/societies.module';
import { VotesModule } from '../votes/votes.module';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';
import { OversightController } from './oversight.controller';
import { OversightService } from './oversight.service';

/** The CSV exports and the oversight report (to be merged with the statements' ReportsModule). */
@Module({
  imports: [SocietiesModule, FundModule, CasesModule, DonorsModule, VotesModule, DisclosuresModule],
  controllers: [ExportsController, OversightController],
  providers: [ExportsService, OversightService],
})
export class ExportsModule {}
