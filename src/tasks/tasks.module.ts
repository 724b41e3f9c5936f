import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { DisclosuresModule } from '../disclosures/disclosures.module';
import { LeadsModule } from '../leads/leads.module';
import { SocietiesModule } from '../societies/societies.module';
import { VotesModule } from '../votes/votes.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

/** GET /me/tasks: the caller's tasks, read through the owning modules' services (no tables of its own). */
@Module({
  imports: [SocietiesModule, CasesModule, VotesModule, DisclosuresModule, LeadsModule],
  controllers: [TasksController],
  providers: [TasksService],
})
export class TasksModule {}
