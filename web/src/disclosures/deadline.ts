// The words for a paid case's notice deadline (GET …/disclosures/awaiting gives `daysLeft`: days from
// the society's today to the last day the notice is in time, negative when overdue).

export interface DeadlineText {
  text: string;
  overdue: boolean;
}

export function deadlineText(daysLeft: number, dueOn: string): DeadlineText {
  if (daysLeft < 0) return { text: `已逾期 ${-daysLeft} 天（应于 ${dueOn} 前公示）`, overdue: true };
  if (daysLeft === 0) return { text: `今天（${dueOn}）是公示截止日`, overdue: false };
  return { text: `还剩 ${daysLeft} 天（${dueOn} 前公示）`, overdue: false };
}

/** `?cases=<id>,<id>` of the publish screen → the ids, without blanks or repeats, at most 50. */
export function caseIdsOf(query: string | null): string[] {
  const ids = (query ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s));
  return [...new Set(ids)].slice(0, 50);
}
