import type { CaseStatus } from './case-status';

/**
 * Per-record access to a case, past the route's role check (API.md "Roles": the collector files and
 * reads "own drafts only"). A collector with no other role in the society sees and changes only the
 * drafts they filed; everyone else the route admits sees every case of the society.
 */
export interface CaseCaller {
  userId: string;
  /** The caller's society roles here (common/access/roles.ts names them). */
  roles: readonly string[];
  platformRole: string | null;
}

export interface CaseOwnership {
  filedBy: string;
  status: CaseStatus;
}

/** True when the caller's only way in is the collector role (so the own-drafts rule applies). */
export function isCollectorOnly(caller: CaseCaller): boolean {
  if (caller.platformRole !== null) return false;
  return caller.roles.includes('collector') && caller.roles.every((r) => r === 'collector');
}

/** May the caller see this case at all (else it answers 404, as a case of another society would)? */
export function canSeeCase(caller: CaseCaller, c: CaseOwnership): boolean {
  if (!isCollectorOnly(caller)) return true;
  return c.status === 'draft' && c.filedBy.toLowerCase() === caller.userId.toLowerCase();
}
