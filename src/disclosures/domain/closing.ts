import type { CaseStatus } from '../../cases/domain/case-status';
import { periodOver } from './period';

/**
 * Which cases of a notice close now (API.md: when endsAt passes the cases close, except those with an
 * open objection or disputed, which close when their objections are settled). A case closes when the
 * notice has ended (or its period is over now, before the end job has run), the case is still
 * `publicized` (a disputed case waits for its recovery or clearing), and no open objection names it
 * or the whole notice.
 */
export interface ClosingInput {
  disclosure: { status: 'active' | 'withdrawn' | 'ended'; endsAt: Date };
  items: { caseId: string; status: CaseStatus }[];
  /** The notice's open objections: the case each names, null for the whole notice. */
  openObjections: { caseId: string | null }[];
}

/** Whether the notice's period has ended at `now`: ended by the job, or active and past endsAt. */
export function hasEnded(d: ClosingInput['disclosure'], now: Date): boolean {
  return d.status === 'ended' || (d.status === 'active' && periodOver(d.endsAt, now));
}

/** The ids of the cases to close at `now`, in the items' order. */
export function casesToClose(input: ClosingInput, now: Date): string[] {
  if (!hasEnded(input.disclosure, now)) return [];
  if (input.openObjections.some((o) => o.caseId === null)) return [];
  const held = new Set(input.openObjections.map((o) => o.caseId?.toLowerCase()));
  return input.items
    .filter((i) => i.status === 'publicized' && !held.has(i.caseId.toLowerCase()))
    .map((i) => i.caseId);
}
