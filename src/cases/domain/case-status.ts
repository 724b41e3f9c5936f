import { AppError } from '../../common/errors/app-error';

/**
 * The emergency case's life (API.md "Emergency cases"): file → vote → pay first → publicize later.
 * One table says which action moves which status where; anything else is 409 INVALID_STATE.
 */
export const CASE_STATUSES = [
  'draft',
  'voting',
  'approved',
  'rejected',
  'paid',
  'publicized',
  'disputed',
  'recovered',
  'closed',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Named for the use cases that perform them. */
export const CASE_ACTIONS = [
  'edit', // PATCH the case
  'attach', // upload a supporting document
  'detach', // delete a supporting document
  'open_vote',
  'approve', // the vote's outcome
  'reject', // the vote's outcome
  'no_quorum', // the vote's outcome: back to a draft, to vote again
  'withdraw', // the secretary drops the case
  'pay',
  'publicize', // a disclosure is published
  'withdraw_disclosure', // the disclosure is withdrawn: the case may be published again
  'end_disclosure', // the disclosure period ended, or the case's last objection was dismissed
  'dispute', // an objection was upheld
  'recover', // the money came back
  'clear', // the supervisor closes a dispute without recovery
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

// A case is evidence for the vote and the payment: its documents may change until the money moves
// (API.md: attachments 409 after `paid`); its data and the deletion of documents only while a draft.
// A rejected or withdrawn case is over, so nothing is added to it either.
const UNTIL_PAID = ['draft', 'voting', 'approved'] as const;

// action → (from → to). `withdraw_disclosure` only from `publicized`: a disputed case keeps its
// dispute until it is recovered or cleared.
const MOVES: Record<CaseAction, Partial<Record<CaseStatus, CaseStatus>>> = {
  edit: { draft: 'draft' },
  attach: Object.fromEntries(UNTIL_PAID.map((s) => [s, s])),
  detach: { draft: 'draft' },
  open_vote: { draft: 'voting' },
  approve: { voting: 'approved' },
  reject: { voting: 'rejected' },
  no_quorum: { voting: 'draft' },
  withdraw: Object.fromEntries(UNTIL_PAID.map((s) => [s, 'withdrawn'])),
  pay: { approved: 'paid' },
  publicize: { paid: 'publicized' },
  withdraw_disclosure: { publicized: 'paid' },
  end_disclosure: { publicized: 'closed' },
  dispute: { publicized: 'disputed' },
  recover: { disputed: 'recovered' },
  clear: { disputed: 'closed' },
};

/** The status after `action`, or AppError INVALID_STATE `{status, action}`. */
export function transition(status: CaseStatus, action: CaseAction): CaseStatus {
  const next = nextStatus(status, action);
  if (next === undefined) throw new AppError('INVALID_STATE', { status, action });
  return next;
}

export function canTransition(status: CaseStatus, action: CaseAction): boolean {
  return nextStatus(status, action) !== undefined;
}

// Own keys only: a status or action read from storage or a request must not reach `__proto__`.
function nextStatus(status: CaseStatus, action: CaseAction): CaseStatus | undefined {
  if (!Object.hasOwn(MOVES, action)) return undefined;
  const from = MOVES[action];
  return Object.hasOwn(from, status) ? from[status] : undefined;
}

/** The actions allowed in `status`, in CASE_ACTIONS order (for a client to show the right buttons). */
export function allowedActions(status: CaseStatus): CaseAction[] {
  return CASE_ACTIONS.filter((a) => canTransition(status, a));
}

/** No action leaves these. */
export function isTerminal(status: CaseStatus): boolean {
  return allowedActions(status).length === 0;
}
