import { Injectable } from '@nestjs/common';
import { CasesService } from '../cases/cases.service';
import { Job, ScheduledJob } from '../scheduler/scheduled-job';
import { DisclosuresService } from './disclosures.service';

/**
 * Raises `disclosure.overdue` (API.md "Notifications") for every paid case whose notice is past the
 * society's deadline: once per case (the outbox's dedupe key), whenever the job first sees it late.
 */
@ScheduledJob()
@Injectable()
export class DisclosuresOverdueJob implements Job {
  readonly name = 'disclosures.overdue';
  readonly everyMs = 5 * 60_000;

  constructor(
    private readonly cases: CasesService,
    private readonly disclosures: DisclosuresService,
  ) {}

  /** Each event in its own transaction; returns how many were raised now (0 once all are), so the tick ends. */
  async run(): Promise<number> {
    let raised = 0;
    for (const societyId of await this.cases.societiesAwaitingDisclosure()) {
      for (const o of await this.cases.overdueDisclosures(societyId)) {
        if (await this.disclosures.raiseOverdue(societyId, o)) raised++;
      }
    }
    return raised;
  }
}
