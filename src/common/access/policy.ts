import { PlatformRole, Role, SOCIETY_ROLES } from './roles';

/**
 * Who may do what (API.md "Roles"): the one table of route-level access, read by AccessGuard through
 * `@Can(action)`. A society action is checked in the society its route names (`@SocietyParam`):
 * society roles count there only; platform roles anywhere. A platform action takes platform roles.
 * Per-record rules (may this user change this membership? vote on this case?) are pure functions in
 * the owning module's domain/, not here.
 */
export interface AccessPolicy {
  scope: 'society' | 'platform';
  roles: readonly Role[];
}

const society = (...roles: Role[]): AccessPolicy => ({ scope: 'society', roles });
const platform = (...roles: PlatformRole[]): AccessPolicy => ({ scope: 'platform', roles });

const ANY_MEMBER_OR_PLATFORM: Role[] = [...SOCIETY_ROLES, 'admin', 'overseer'];
const FUND_READERS: Role[] = ['secretary', 'board', 'treasurer', 'supervisor', 'overseer'];
const DONATION_READERS: Role[] = ['treasurer', 'secretary', 'supervisor', 'overseer'];
// Collectors are let in by the route; what they may touch (own drafts only) is cases/domain/case-access.ts.
const CASE_FILERS: Role[] = ['secretary', 'collector'];
const CASE_READERS: Role[] = ['secretary', 'board', 'treasurer', 'supervisor', 'collector', 'overseer'];
// A vote is on a case past its draft, which a collector does not see (cases/domain/case-access.ts).
const VOTE_READERS: Role[] = ['secretary', 'board', 'treasurer', 'supervisor', 'overseer'];
const DOCUMENT_READERS: Role[] = ['secretary', 'board', 'treasurer', 'supervisor', 'collector'];
// A notice is public anyway; inside, those who read cases past their draft (not the collector).
const DISCLOSURE_READERS: Role[] = ['secretary', 'board', 'treasurer', 'supervisor', 'overseer'];
// Objections carry residents' contact data (masked): who handles them, who publishes, who oversees.
const OBJECTION_READERS: Role[] = ['supervisor', 'secretary', 'overseer'];
// A collector reads only their own drafts, so a whole-society export is not theirs.
const CASE_EXPORTERS: Role[] = CASE_READERS.filter((r) => r !== 'collector');

export const POLICY = {
  'user.create': platform('admin'),
  'user.search': platform('admin'),
  'society.create': platform('admin'),
  'society.read': society(...ANY_MEMBER_OR_PLATFORM),
  'society.update': society('secretary', 'admin'),
  'member.read': society(...ANY_MEMBER_OR_PLATFORM),
  'member.manage': society('secretary', 'admin'),
  'donor.record': society('treasurer'),
  'donor.read': society(...DONATION_READERS),
  'donation.record': society('treasurer'),
  'donation.void': society('treasurer'),
  'donation.read': society(...DONATION_READERS),
  'receipt.read': society(...DONATION_READERS),
  'fund.read': society(...FUND_READERS),
  'fund.reconcile': society(...FUND_READERS),
  'fund.transfer': society('treasurer'),
  // Monthly statements are the fund's entries by month: the same readers.
  'statement.read': society(...FUND_READERS),
  'case.create': society(...CASE_FILERS),
  'case.read': society(...CASE_READERS),
  'case.update': society(...CASE_FILERS),
  'case.withdraw': society(...CASE_FILERS),
  'case.reveal': society('secretary', 'supervisor'),
  'case.pay': society('treasurer'),
  'case.recover': society('treasurer'),
  // The supervisors close a dispute (an upheld objection) without recovery.
  'case.clear': society('supervisor'),
  'attachment.upload': society(...CASE_FILERS),
  'attachment.read': society(...DOCUMENT_READERS),
  'attachment.delete': society(...CASE_FILERS),
  'vote.open': society('secretary'),
  'vote.close': society('secretary'),
  // One route for both: a board member's own ballot, or the secretary's record of one at a meeting
  // (the service checks which by the body: `voterId` is the secretary's only).
  'vote.ballot': society('board', 'secretary'),
  'vote.recuse': society('board'),
  'vote.read': society(...VOTE_READERS),
  'vote.pending': society(...SOCIETY_ROLES),
  'disclosure.publish': society('secretary'),
  'disclosure.withdraw': society('secretary'),
  'disclosure.read': society(...DISCLOSURE_READERS),
  'objection.read': society(...OBJECTION_READERS),
  'objection.resolve': society('supervisor'),
  // Monitoring platforms' intake keys (API.md "Leads from monitoring platforms").
  'intake-key.manage': society('secretary', 'admin'),
  // A lead is a possible case: those who file cases read, convert and dismiss them.
  'lead.read': society(...CASE_FILERS),
  'lead.convert': society(...CASE_FILERS),
  'lead.dismiss': society(...CASE_FILERS),
  'audit.read': society('secretary', 'supervisor', 'admin', 'overseer'),
  /** The society's webhook and its delivery log (API.md "Notifications (webhooks)"): the secretary's. */
  'webhook.manage': society('secretary'),
  /** The installation's own audit chain (users, platform acts); not in API.md. */
  'platform-audit.read': platform('admin', 'overseer'),
  'export.cases': society(...CASE_EXPORTERS),
  'export.donations': society(...DONATION_READERS),
  'export.entries': society(...FUND_READERS),
  'oversight.read': platform('admin', 'overseer'),
} as const satisfies Record<string, AccessPolicy>;

export type Action = keyof typeof POLICY;
