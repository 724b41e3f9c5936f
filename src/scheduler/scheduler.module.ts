import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { SchedulerRepository } from './scheduler.repository';
import { SchedulerService } from './scheduler.service';

/**
 * Runs the modules' `@ScheduledJob()` providers (scheduled-job.ts), found wherever they are declared:
 * a feature module registers a job by listing it in its providers, without importing this module.
 */
@Module({
  imports: [DiscoveryModule, ScheduleModule.forRoot()],
  providers: [SchedulerRepository, SchedulerService],
  exports: [SchedulerService],
})
export class SchedulerModule {}
