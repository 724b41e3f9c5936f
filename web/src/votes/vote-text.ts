// The words and small rules of the vote screens, pure so they are tested without a browser.

export type Choice = 'approve' | 'reject' | 'abstain';

/** The three hands, in the order they are shown (API codes: approve / reject / abstain). */
export const CHOICES: readonly { code: Choice; label: string; type: 'success' | 'danger' | 'default' }[] = [
  { code: 'approve', label: '同意', type: 'success' },
  { code: 'reject', label: '反对', type: 'danger' },
  { code: 'abstain', label: '弃权', type: 'default' },
];

export function choiceLabel(code: string): string {
  return CHOICES.find((c) => c.code === code)?.label ?? code;
}

export const MODE_LABELS: Record<string, string> = {
  meeting: '会议表决（举手，秘书长记录）',
  remote: '远程表决（理事各自投票）',
};

export interface TallyView {
  eligible: number;
  cast: number;
  quorumRequired: number;
  quorumMet: boolean;
  outcome: string;
}

/** The headline of a vote: "已决定：通过" the moment the tally decides it, else where it stands. */
export function outcomeText(tally: TallyView, status: string): string {
  switch (tally.outcome) {
    case 'approved':
      return '已决定：通过';
    case 'rejected':
      return '已决定：否决';
    case 'no_quorum':
      return '未达法定人数，未作决定（案件退回草稿）';
  }
  if (status === 'cancelled') return '表决已取消（案件已撤回）';
  if (status === 'closed') return '表决已结束';
  return '表决进行中，尚未决定';
}

/** "已参加 5 人，法定人数 6 人：还差 1 人" / "已达法定人数（6 人）". */
export function quorumText(tally: TallyView): string {
  if (tally.quorumMet) return `已达法定人数（已参加 ${tally.cast} 人，至少需 ${tally.quorumRequired} 人）`;
  const missing = Math.max(0, tally.quorumRequired - tally.cast);
  return `未达法定人数：已参加 ${tally.cast} 人，至少需 ${tally.quorumRequired} 人，还差 ${missing} 人`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A time as a `<input type="datetime-local">` value in the phone's own time zone: "2026-11-30T20:00". */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The default closing time: now + the bylaws' `voteWindowHours`, to the minute. */
export function defaultClosingInput(now: Date, windowHours: number): string {
  return toLocalInput(new Date(now.getTime() + windowHours * 3_600_000));
}

/**
 * The typed closing time as the API's ISO 8601 instant, or an error in Chinese: it must be a real time
 * after now (the server says the same; this only spares a round trip).
 */
export function closingInstant(input: string, now: Date): { iso: string } | { error: string } {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(input)) return { error: '请选择截止时间' };
  const at = new Date(input);
  if (Number.isNaN(at.getTime())) return { error: '请选择截止时间' };
  if (at.getTime() <= now.getTime()) return { error: '截止时间须晚于现在' };
  return { iso: at.toISOString() };
}

/** Where the vote screen of a vote is: the case goes along, since the API finds a vote by its case. */
export function voteScreenPath(sid: string, voteId: string, caseId: string): string {
  return `/s/${sid}/votes/${voteId}?case=${caseId}`;
}
