import { addDays, localDay, startOfLocalDay } from '../../common/calendar';

/**
 * The disclosure period (公示期) in the society's calendar: it starts on the day of publication and
 * lasts `days` whole local days (settings.disclosureDays, commonly 7). Published on 11-30 for 7
 * days: 11-30 to 12-06 inclusive, ending at 00:00 on 12-07 local time.
 */
export interface DisclosurePeriod {
  /** 'YYYY-MM-DD' in the society's time zone, as are periodFrom and periodTo (inclusive). */
  publishedOn: string;
  periodFrom: string;
  periodTo: string;
  /** The start of the local day after periodTo. */
  endsAt: Date;
}

export function disclosurePeriod(publishedAt: Date, timeZone: string, days: number): DisclosurePeriod {
  if (!Number.isSafeInteger(days) || days < 1) throw new RangeError(`not a number of days: ${days}`);
  const publishedOn = localDay(publishedAt, timeZone).date;
  return {
    publishedOn,
    periodFrom: publishedOn,
    periodTo: addDays(publishedOn, days - 1),
    endsAt: startOfLocalDay(addDays(publishedOn, days), timeZone),
  };
}

/** Whether the period is over at `now` (objections are refused from endsAt on, before the end job runs). */
export function periodOver(endsAt: Date, now: Date): boolean {
  return now.getTime() >= endsAt.getTime();
}
