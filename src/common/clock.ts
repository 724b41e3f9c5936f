import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The one source of "now" for every business timestamp (postedAt, receivedAt checks, voidedAt,
 * receipt years, vote deadlines…): services ask the Clock and hand the instant to SQL, never
 * `now()` in a statement. Tests give the app a clock they move (test/support/manual-clock.ts).
 */
@Injectable()
export class Clock {
  private readonly replays = new AsyncLocalStorage<{ at: Date }>();

  now(): Date {
    const replay = this.replays.getStore();
    return replay ? new Date(replay.at) : this.current();
  }

  /**
   * Runs `story` in an async context of its own where `now()` reads the instant `setTime` last gave
   * (at first, the current time). Only that context: requests and jobs running meanwhile keep the
   * real time. For replaying a dated story through the use cases (the demo society's past month).
   */
  replay<T>(story: (setTime: (at: Date) => void) => Promise<T>): Promise<T> {
    const state = { at: this.now() };
    return this.replays.run(state, () =>
      story((at) => {
        state.at = new Date(at);
      }),
    );
  }

  /** The time outside a replay: real time (a test's clock overrides this). */
  protected current(): Date {
    return new Date();
  }
}
