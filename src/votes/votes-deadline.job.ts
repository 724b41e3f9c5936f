import { Injectable } from '@nestjs/common';
import { Job, ScheduledJob } from '../scheduler/scheduled-job';
import { VotesService } from './votes.service';

/** Closes votes at their deadline; after downtime the scheduler calls it until nothing is due. */
@ScheduledJob()
@Injectable()
export class VotesDeadlineJob implements Job {
  readonly name = 'votes.close-expired';
  readonly everyMs = 60_000;
  static readonly BATCH = 100;

  constructor(private readonly votes: VotesService) {}

  /** Each vote in its own transaction: a crash leaves the rest (and the one in flight) to the next run. */
  async run(now: Date): Promise<number> {
    let done = 0;
    for (const v of await this.votes.due(now, VotesDeadlineJob.BATCH)) {
      if (await this.votes.closeExpired(v.societyId, v.caseId, v.id, now)) done++;
    }
    return done;
  }
}
