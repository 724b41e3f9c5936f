import { Injectable } from '@nestjs/common';

/**
 * The one source of "now" for every business timestamp (postedAt, receivedAt checks, voidedAt,
 * receipt years, vote deadlines…): services ask the Clock and hand the instant to SQL, never
 * `now()` in a statement. Tests give the app a clock they move (test/support/manual-clock.ts).
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
