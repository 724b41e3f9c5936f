import { Clock } from '../../src/common/clock';

/** A clock the test moves: real time until set, then frozen where it was put, moved by `advance`. */
export class ManualClock extends Clock {
  private fixed: Date | null = null;

  protected override current(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }

  set(instant: Date | string): void {
    this.fixed = new Date(instant);
  }

  advance(ms: number): void {
    this.fixed = new Date(this.now().getTime() + ms);
  }

  /** Back to real time. */
  reset(): void {
    this.fixed = null;
  }
}
