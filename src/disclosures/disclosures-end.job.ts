import { Injectable } from '@nestjs/common';
import { Job, ScheduledJob } from '../scheduler/scheduled-job';
import { DisclosuresService } from './disclosures.service';

/** Ends notices at the end of their period; after downtime the scheduler calls it until nothing is due. */
@ScheduledJob()
@Injectable()
export class DisclosuresEndJob implements Job {
  readonly name = 'disclosures.end-expired';
  readonly everyMs = 60_000;
  static readonly BATCH = 100;

  constructor(private readonly disclosures: DisclosuresService) {}

  /** Each notice in its own transaction: a crash leaves the rest (and the one in flight) to the next run. */
  async run(now: Date): Promise<number> {
    let done = 0;
    for (const d of await this.disclosures.due(now, DisclosuresEndJob.BATCH)) {
      if (await this.disclosures.endExpired(d.societyId, d.id, now)) done++;
    }
    return done;
  }
}
