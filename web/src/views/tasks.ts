import type { components } from '../api/schema';

// The home screen's rules (GET /me/tasks): which sections a role sees, where each task leads, and how
// its deadline reads. No browser globals: Jest tests them in Node.

export type Task = components['schemas']['TaskDto'];
export type Kind = Task['kind'];
type Role = 'secretary' | 'board' | 'treasurer' | 'supervisor' | 'collector';

export interface Section {
  kind: Kind;
  title: string;
  /** What the section says when nothing waits there. */
  empty: string;
  roles: readonly Role[];
}

/** In the order the home screen shows them; each for the roles the API gives that kind to. */
export const SECTIONS: readonly Section[] = [
  { kind: 'ballot', title: '待我投票', empty: '没有等待您投票的表决', roles: ['board'] },
  { kind: 'payment', title: '待付款', empty: '没有等待付款的案件', roles: ['treasurer'] },
  { kind: 'disclosure', title: '待公示', empty: '没有等待公示的案件', roles: ['secretary'] },
  { kind: 'objection', title: '待处理异议', empty: '没有待处理的异议', roles: ['supervisor'] },
  { kind: 'lead', title: '线索', empty: '没有新的监测预警线索', roles: ['collector'] },
  { kind: 'draft', title: '我的草稿', empty: '没有未提交表决的草稿', roles: ['secretary', 'collector'] },
];

/** The sections for these roles, each with its tasks (in the server's order: most urgent first). */
export function sectionsFor(
  roles: readonly string[],
  tasks: readonly Task[],
): { section: Section; tasks: Task[] }[] {
  return SECTIONS.filter((s) => s.roles.some((r) => roles.includes(r))).map((section) => ({
    section,
    tasks: tasks.filter((t) => t.kind === section.kind),
  }));
}

/** The screen a task is one tap from (paths of the other console areas, issue 11). */
export function linkOf(t: Task): string {
  const s = `/s/${t.societyId}`;
  switch (t.kind) {
    case 'ballot':
      return t.voteId ? `${s}/votes/${t.voteId}?case=${t.caseId}` : `${s}/cases/${t.caseId}`;
    case 'payment':
      return `${s}/cases/${t.caseId}/pay`;
    case 'disclosure':
      return `${s}/disclosures/new?cases=${t.caseId}`;
    case 'objection':
      return `${s}/objections/${t.objectionId}`;
    case 'draft':
      return `${s}/cases/${t.caseId}`;
    case 'lead':
      return `${s}/leads/${t.leadId}`;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "12月2日 12:00" in the phone's time zone. */
export function shortTime(iso: string): string {
  const d = new Date(iso);
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * How the deadline reads: "已逾期 N 天" (red), "今天截止", "还剩 N 天" for day deadlines (the server
 * counts the society's local days); "12月2日 12:00 截止" for a vote; '' without one.
 */
export function deadlineText(t: Task): string {
  if (t.daysLeft !== undefined) {
    if (t.overdue || t.daysLeft < 0) return `已逾期 ${Math.max(1, -t.daysLeft)} 天`;
    return t.daysLeft === 0 ? '今天截止' : `还剩 ${t.daysLeft} 天`;
  }
  if (t.dueAt) return t.overdue ? `已于 ${shortTime(t.dueAt)} 截止` : `${shortTime(t.dueAt)} 截止`;
  return '';
}
