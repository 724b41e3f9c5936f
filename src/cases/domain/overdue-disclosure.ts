import { addDays, daysBetween, localDay, startOfLocalDay } from '../../common/calendar';

/**
 * Pay first, publicize later — but not too late (API.md "Disclosures": publication is due within
 * `disclosureDeadlineDays` of payment; later is "overdue" in oversight). Days are the society's local
 * days: a case paid on day P is due on P + N (publishing that day is in time) and overdue from P + N + 1.
 */
export interface DisclosureLateness {
  /** The last local day ('YYYY-MM-DD') on which the notice was in time. */
  dueOn: string;
  /** Local days past `dueOn`, at least 1. */
  daysOverdue: number;
}

/** The last local day on which the notice of a case paid at `paidAt` is in time. */
export function disclosureDueOn(paidAt: Date, timeZone: string, deadlineDays: number): string {
  checkDays(deadlineDays);
  return addDays(localDay(paidAt, timeZone).date, deadlineDays);
}

/** How late, at `now`, the notice of a case paid at `paidAt` is: null while it is still in time. */
export function disclosureLateness(
  paidAt: Date,
  now: Date,
  timeZone: string,
  deadlineDays: number,
): DisclosureLateness | null {
  const dueOn = disclosureDueOn(paidAt, timeZone, deadlineDays);
  const daysOverdue = daysBetween(dueOn, localDay(now, timeZone).date);
  return daysOverdue > 0 ? { dueOn, daysOverdue } : null;
}

/**
 * The instant that splits payments at `now`: one made before it is overdue, one made at or after it
 * is not (the same verdict as disclosureLateness, as a bound an index range scan can use).
 */
export function overdueIfPaidBefore(now: Date, timeZone: string, deadlineDays: number): Date {
  checkDays(deadlineDays);
  return startOfLocalDay(addDays(localDay(now, timeZone).date, -deadlineDays), timeZone);
}

// Settings bound the deadline (1–90 days); anything else here is a bug, not a request to answer.
function checkDays(deadlineDays: number): void {
  if (!Number.isSafeInteger(deadlineDays) || deadlineDays < 0) {
    throw new RangeError(`disclosureDeadlineDays must be a whole number of days: ${deadlineDays}`);
  }
}
