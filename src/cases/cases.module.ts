import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { FundModule } from '../fund/fund.module';
import { SocietiesModule } from '../societies/societies.module';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';
import { RecoveriesController } from './recoveries.controller';
import { RecoveriesService } from './recoveries.service';

/**
 * Emergency cases, their documents, their payment and recovery; exports CasesService for votes, and
 * the payment and recovery use cases for the demo seeder (src/demo/), which plays the whole story.
 */
@Module({
  imports: [FundModule, SocietiesModule, AuthModule],
  controllers: [CasesController, AttachmentsController, PaymentsController, RecoveriesController],
  providers: [
    CasesService,
    CasesRepository,
    AttachmentsService,
    AttachmentsRepository,
    PaymentsService,
    RecoveriesService,
  ],
  exports: [CasesService, PaymentsService, RecoveriesService],
})
export class CasesModule {}
