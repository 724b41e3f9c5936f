import { DiscoveryService } from '@nestjs/core';

/**
 * The contract between the scheduler and the modules with deadlines (votes, disclosures): a module
 * declares a provider marked `@ScheduledJob()` that implements `Job`; the scheduler finds it at start
 * and runs it every `everyMs` on one instance of the cluster at a time. This file is the only part of
 * src/scheduler/ another module may import (.dependency-cruiser.js).
 */
export interface Job {
  /** Unique and stable: it names the job's advisory lock and its log lines. */
  readonly name: string;
  /** How often a tick comes. */
  readonly everyMs: number;
  /**
   * Does one batch of what is due at `now` (e.g. up to 100 expired votes, each closed in its own
   * transaction) and returns how many items it did. The scheduler calls it again with the same `now`
   * until it returns 0, so after downtime everything due is caught up. Must be idempotent: an item
   * already done (by an earlier, interrupted tick) is skipped, not done twice.
   */
  run(now: Date): Promise<number>;
}

/** Marks a provider class implementing `Job` for the scheduler to run. */
export const ScheduledJob = DiscoveryService.createDecorator<void>();
