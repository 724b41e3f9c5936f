import { addDays, daysBetween, localDay, startOfLocalDay } from '../../common/calendar';
import { formatFen } from '../../common/money/fen';
import { disclosureDueOn } from '../../cases/domain/overdue-disclosure';
import { PSEUDONYM_MARK } from '../../cases/domain/display-name';

/** What waits for someone (API.md "Auth and users", GET /me/tasks). */
export const TASK_KINDS = ['ballot', 'payment', 'disclosure', 'objection', 'lead', 'draft'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** The most tasks one answer holds; past it the answer says `truncated`. */
export const TASKS_CAP = 200;

export interface Task {
  societyId: string;
  societyName: string;
  kind: TaskKind;
  caseId?: string;
  caseNo?: string;
  voteId?: string;
  objectionId?: string;
  disclosureId?: string;
  leadId?: string;
  title: string;
  dueAt?: Date;
  /** Local days from the society's today to its due day (negative: days overdue); day deadlines only. */
  daysLeft?: number;
  overdue: boolean;
  /** When the task began (filed, approved, paid, received): orders the undated ones, oldest first. */
  since: Date;
}

/**
 * A deadline that is a whole local day: due on `dueOn` means in time until that day ends in the
 * society's time zone. `dueAt` is the day's last millisecond, so "past dueAt" is "overdue".
 */
export function dayDeadline(
  dueOn: string,
  now: Date,
  timeZone: string,
): { dueAt: Date; daysLeft: number; overdue: boolean } {
  const dueAt = new Date(startOfLocalDay(addDays(dueOn, 1), timeZone).getTime() - 1);
  const daysLeft = daysBetween(localDay(now, timeZone).date, dueOn);
  return { dueAt, daysLeft, overdue: now.getTime() > dueAt.getTime() };
}

/** The public notice of a case paid at `paidAt` is due `deadlineDays` local days later (overdue-disclosure.ts). */
export function disclosureDeadline(paidAt: Date, now: Date, timeZone: string, deadlineDays: number) {
  return dayDeadline(disclosureDueOn(paidAt, timeZone, deadlineDays), now, timeZone);
}

/**
 * Pay first: an approved case is paid "the same or next day" (DOMAIN.md; the seed's ¥1,000 was paid
 * the morning after the vote), so it is due by the end of the local day after its approval.
 */
export const PAYMENT_DAYS = 1;

export function paymentDeadline(approvedAt: Date, now: Date, timeZone: string) {
  return dayDeadline(addDays(localDay(approvedAt, timeZone).date, PAYMENT_DAYS), now, timeZone);
}

const ACTION: Record<'ballot' | 'payment' | 'disclosure' | 'draft', string> = {
  ballot: '待投票',
  payment: '待付款',
  disclosure: '待公示',
  draft: '草稿',
};

/** "2026-0007 小范（化名） 待付款 ¥1,000.00" */
export function caseTitle(
  kind: keyof typeof ACTION,
  c: { caseNo: string; pseudonym: string },
  amountFen: number,
): string {
  return `${c.caseNo} ${c.pseudonym}${PSEUDONYM_MARK} ${ACTION[kind]} ${formatFen(amountFen)}`;
}

/** "公示 2026-01 收到异议 · 案件 2026-0007", or "… · 针对整份公示". */
export function objectionTitle(noticeNo: string, caseNo: string | null): string {
  return `公示 ${noticeNo} 收到异议 · ${caseNo ? `案件 ${caseNo}` : '针对整份公示'}`;
}

const LEAD_TITLE_MAX = 40;

/** "监测预警 王** · 医疗支出高、残疾等级变化" (cut to 40 characters with …). */
export function leadTitle(subjectNameMasked: string, indicators: readonly string[]): string {
  const text = `监测预警 ${subjectNameMasked}${indicators.length ? ` · ${indicators.join('、')}` : ''}`;
  const chars = Array.from(text);
  return chars.length <= LEAD_TITLE_MAX ? text : `${chars.slice(0, LEAD_TITLE_MAX - 1).join('')}…`;
}

const UNDATED_ORDER: Record<TaskKind, number> = {
  ballot: 0,
  payment: 1,
  disclosure: 2,
  objection: 3,
  lead: 4,
  draft: 5,
};

/**
 * Most urgent first: overdue tasks (the most overdue first), then the others with a deadline (the
 * soonest first), then those without one — objections, leads, drafts in that order, oldest first.
 * Ties by society name and title, so the order is stable.
 */
export function compareTasks(a: Task, b: Task): number {
  const rank = (t: Task) => (t.overdue ? 0 : t.dueAt ? 1 : 2);
  return (
    rank(a) - rank(b) ||
    (a.dueAt && b.dueAt ? a.dueAt.getTime() - b.dueAt.getTime() : 0) ||
    (a.dueAt || b.dueAt ? 0 : UNDATED_ORDER[a.kind] - UNDATED_ORDER[b.kind]) ||
    a.since.getTime() - b.since.getTime() ||
    a.societyName.localeCompare(b.societyName, 'zh') ||
    a.title.localeCompare(b.title, 'zh')
  );
}

/** The tasks in order, at most TASKS_CAP, and whether some were left out. */
export function orderTasks(tasks: readonly Task[]): { items: Task[]; truncated: boolean } {
  const sorted = [...tasks].sort(compareTasks);
  return { items: sorted.slice(0, TASKS_CAP), truncated: sorted.length > TASKS_CAP };
}
