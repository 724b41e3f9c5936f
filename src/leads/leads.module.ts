import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { SocietiesModule } from '../societies/societies.module';
import { ApiKeyGuard } from './api-key.guard';
import { IntakeController } from './intake.controller';
import { IntakeKeysController } from './intake-keys.controller';
import { IntakeKeysRepository } from './intake-keys.repository';
import { IntakeKeysService } from './intake-keys.service';
import { LeadsController } from './leads.controller';
import { LeadsRepository } from './leads.repository';
import { LeadsService } from './leads.service';

/** Leads from monitoring platforms: intake keys, the intake route, leads turned into cases or dismissed. */
@Module({
  imports: [CasesModule, SocietiesModule],
  controllers: [IntakeKeysController, IntakeController, LeadsController],
  providers: [IntakeKeysService, IntakeKeysRepository, LeadsService, LeadsRepository, ApiKeyGuard],
  exports: [LeadsService],
})
export class LeadsModule {}
