import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { Job, ScheduledJob } from './scheduled-job';
import { SchedulerRepository } from './scheduler.repository';

/** What one tick of a job did: skipped (another instance or tick held its lock), or ran. */
export type TickResult = { ran: false } | { ran: true; done: number; batches: number; failed: boolean };

/** A job that keeps returning work forever (e.g. an item it cannot mark done) stops here per tick. */
export const MAX_BATCHES_PER_TICK = 1000;

/**
 * Runs every `@ScheduledJob()` provider every `everyMs` when SCHEDULER is on (first tick at start:
 * catch-up after downtime), one instance of the cluster at a time per job (SchedulerRepository).
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private readonly jobs = new Map<string, Job>();
  /** Ticks in flight in this process: a tick never overlaps its own job's previous one, and shutdown waits. */
  private readonly running = new Map<string, Promise<TickResult>>();
  private stopped = false;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly registry: SchedulerRegistry,
    private readonly repository: SchedulerRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders({ metadataKey: ScheduledJob.KEY })) {
      const job = wrapper.instance as Job | undefined;
      // A request-scoped provider has no instance here; a job must be a plain singleton.
      if (!job || typeof job.run !== 'function' || !job.name || !(job.everyMs > 0))
        throw new Error(`@ScheduledJob() ${wrapper.name} is not a singleton Job with a name and everyMs > 0`);
      if (this.jobs.has(job.name)) throw new Error(`two scheduled jobs are named ${job.name}`);
      this.jobs.set(job.name, job);
    }
    if (this.config.SCHEDULER !== 'on') return;
    for (const job of this.jobs.values()) {
      const tick = () => void this.tick(job.name);
      this.registry.addInterval(`job:${job.name}`, setInterval(tick, job.everyMs));
      setImmediate(tick);
    }
  }

  /** Stops the timers and waits for ticks in flight, before the database pool closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const name of this.registry.getIntervals())
      if (name.startsWith('job:')) this.registry.deleteInterval(name);
    await Promise.allSettled(this.running.values());
  }

  /** The registered jobs' names. */
  jobNames(): string[] {
    return [...this.jobs.keys()];
  }

  /**
   * One tick of a job, now: under its lock, batches until nothing is due. A failure is logged (the
   * error's type and code, values blanked: errorSerializer) and leaves the rest to the next tick.
   */
  tick(name: string): Promise<TickResult> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no scheduled job is named ${name}`);
    if (this.stopped) return Promise.resolve({ ran: false });
    if (this.running.has(name)) return Promise.resolve({ ran: false });
    const tick = this.runLocked(job).finally(() => this.running.delete(name));
    this.running.set(name, tick);
    return tick;
  }

  private async runLocked(job: Job): Promise<TickResult> {
    let done = 0;
    let batches = 0;
    try {
      const outcome = await this.repository.withJobLock(job.name, async () => {
        const now = this.clock.now();
        while (batches < MAX_BATCHES_PER_TICK) {
          const n = await job.run(now);
          batches += 1;
          done += n;
          if (n <= 0) break;
        }
      });
      if (!outcome.locked) return { ran: false };
      if (batches >= MAX_BATCHES_PER_TICK)
        this.logger.warn({ job: job.name, batches, done }, 'scheduled job stopped at the batch limit');
      else if (done > 0) this.logger.log({ job: job.name, done }, 'scheduled job done');
      return { ran: true, done, batches, failed: false };
    } catch (err) {
      this.logger.error({ err, job: job.name, done }, 'scheduled job failed');
      return { ran: true, done, batches, failed: true };
    }
  }
}
