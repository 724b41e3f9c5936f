import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { DocumentsModule } from '../documents/documents.module';
import { FundModule } from '../fund/fund.module';
import { SocietiesModule } from '../societies/societies.module';
import { VotesModule } from '../votes/votes.module';
import { DisclosuresController } from './disclosures.controller';
import { DisclosuresRepository } from './disclosures.repository';
import { DisclosuresService } from './disclosures.service';
import { DisclosuresEndJob } from './disclosures-end.job';
import { DisclosuresOverdueJob } from './disclosures-overdue.job';
import { ObjectionsController } from './objections.controller';
import { ObjectionsRepository } from './objections.repository';
import { ObjectionsService } from './objections.service';
import { PagesController } from './pages.controller';
import { PagesService } from './pages.service';
import { PublicController } from './public.controller';
import { PublicService } from './public.service';

/**
 * Public notices of paid cases, residents' objections, the public API, the residents' pages (/p/…),
 * the job that ends notices and the one that raises overdue notices; exports DisclosuresService (and
 * ObjectionsService, for the demo seeder in src/demo/).
 */
@Module({
  imports: [CasesModule, VotesModule, SocietiesModule, FundModule, DocumentsModule],
  controllers: [DisclosuresController, ObjectionsController, PublicController, PagesController],
  providers: [
    DisclosuresService,
    DisclosuresRepository,
    ObjectionsService,
    ObjectionsRepository,
    PublicService,
    PagesService,
    DisclosuresEndJob,
    DisclosuresOverdueJob,
  ],
  // ObjectionsService: oversight counts open objections (reports).
  exports: [DisclosuresService, ObjectionsService],
})
export class DisclosuresModule {}
