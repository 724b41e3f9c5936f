import { AppError } from '../../common/errors/app-error';

/**
 * Who may vote, record a meeting ballot or recuse (API.md "Votes"). The eligible set is fixed when
 * the vote opens (the society's active board members then) and only shrinks, by recusal: a member
 * joining the board later does not vote on a motion already open. Ids compare without case (UUIDs).
 */
export type VoteMode = 'remote' | 'meeting';

export interface VoteRoll {
  /** Not yet closed (by its decision, by the secretary or by the scheduler). */
  open: boolean;
  /** After this instant no ballot counts, even before the scheduler closes the vote. */
  closesAt: Date;
  mode: VoteMode;
  eligibleAtOpening: readonly string[];
  recused: readonly string[];
  /** Members with a ballot, cast by themselves or recorded at a meeting. */
  voted: readonly string[];
}

export interface BoardMember {
  userId: string;
  roles: readonly string[];
  active: boolean;
}

const key = (id: string): string => id.toLowerCase();
const has = (ids: readonly string[], id: string): boolean => ids.some((x) => key(x) === key(id));

/** The eligible set at opening: active board members, each once. */
export function eligibleAtOpening(members: readonly BoardMember[]): string[] {
  const ids = new Map<string, string>();
  for (const m of members) if (m.active && m.roles.includes('board')) ids.set(key(m.userId), m.userId);
  return [...ids.values()];
}

/** Eligible now: the set at opening minus recusals (E of the tally). */
export function eligibleVoters(roll: VoteRoll): string[] {
  return roll.eligibleAtOpening.filter((id) => !has(roll.recused, id));
}

/** Whether the vote still takes ballots at `now`. */
export function isOpenAt(roll: VoteRoll, now: Date): boolean {
  return roll.open && now.getTime() < roll.closesAt.getTime();
}

/**
 * May `voterId` cast a ballot now? Throws NOT_ELIGIBLE (403) for someone outside the eligible set
 * (never on it, or recused), then ALREADY_VOTED (409), then VOTE_CLOSED (409). A second ballot is
 * ALREADY_VOTED even once the vote has closed: a retried request whose ballot decided the vote
 * learns that the ballot counts, not that it came too late.
 */
export function assertMayCast(roll: VoteRoll, voterId: string, now: Date): void {
  assertEligibleWithoutBallot(roll, voterId, now);
}

/**
 * May the secretary record `voterId`'s show of hands? Only in a vote opened as a meeting (in a
 * remote vote every member casts their own: nobody else may put a ballot in their name), and then
 * the same rules as casting apply to the voter.
 */
export function assertMayRecordMeetingBallot(roll: VoteRoll, voterId: string, now: Date): void {
  if (roll.mode !== 'meeting')
    throw new AppError('INVALID_STATE', { mode: roll.mode, action: 'record_ballot' });
  assertMayCast(roll, voterId, now);
}

/**
 * May `voterId` recuse? An eligible member who has not voted, while the vote is open. Recusing twice
 * is NOT_ELIGIBLE: after the first the member is no longer in the eligible set.
 */
export function assertMayRecuse(roll: VoteRoll, voterId: string, now: Date): void {
  assertEligibleWithoutBallot(roll, voterId, now);
}

/** For "waiting for my vote": open, eligible, no ballot yet. */
export function awaitsBallotFrom(roll: VoteRoll, userId: string, now: Date): boolean {
  return isOpenAt(roll, now) && has(eligibleVoters(roll), userId) && !has(roll.voted, userId);
}

// Casting and recusing share their preconditions, in this order.
function assertEligibleWithoutBallot(roll: VoteRoll, voterId: string, now: Date): void {
  if (!has(roll.eligibleAtOpening, voterId)) {
    throw new AppError('NOT_ELIGIBLE', { voterId, reason: 'not_eligible' });
  }
  if (has(roll.recused, voterId)) throw new AppError('NOT_ELIGIBLE', { voterId, reason: 'recused' });
  if (has(roll.voted, voterId)) throw new AppError('ALREADY_VOTED', { voterId });
  if (!isOpenAt(roll, now)) throw new AppError('VOTE_CLOSED');
}
