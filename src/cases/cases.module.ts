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

/** Emergency cases and their documents; exports CasesService for votes and payment. */
@Module({
  imports: [FundModule, SocietiesModule, AuthModule],
  controllers: [CasesController, AttachmentsController],
  providers: [CasesService, CasesRepository, AttachmentsService, AttachmentsRepository],
  exports: [CasesService],
})
export class CasesModule {}
