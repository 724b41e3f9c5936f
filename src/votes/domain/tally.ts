import { atLeast, ceilTimes, moreThan, parseFraction, type Fraction } from '../../common/fraction';

/**
 * The board vote's count (API.md "Votes"), in integers on p/q fractions, never floating point:
 * quorum met ⇔ C ≥ q·E; passes ⇔ quorum met and A ≥ a·C (`at_least`, 以上) or A > a·C (`more_than`,
 * 超过; "过半数" is more_than 1/2). E counts the eligible members left after recusals; abstentions
 * count toward C but not A.
 */
export type BallotChoice = 'approve' | 'reject' | 'abstain';
export type ApprovalRule = 'at_least' | 'more_than';
export type VoteOutcome = 'pending' | 'approved' | 'rejected' | 'no_quorum';

export interface VoteRules {
  quorum: Fraction;
  approval: Fraction;
  approvalRule: ApprovalRule;
}

export interface BallotCounts {
  approve: number;
  reject: number;
  abstain: number;
}

export interface Tally extends BallotCounts {
  eligible: number;
  cast: number;
  /** The fewest ballots that meet the quorum; above `eligible` only when nobody is eligible. */
  quorumRequired: number;
  quorumMet: boolean;
  outcome: VoteOutcome;
  /** No way the remaining members vote (or abstain, stay away, recuse) can change `outcome`. */
  decided: boolean;
}

export interface TallyOptions {
  /** The vote is being closed (deadline or secretary): the ballots as they are decide. */
  final?: boolean;
}

/** Rules from the society's settings strings ("2/3"); a stored value that does not parse is a bug. */
export function voteRules(settings: { quorum: string; approval: string; approvalRule: string }): VoteRules {
  const quorum = parseFraction(settings.quorum);
  const approval = parseFraction(settings.approval);
  const rule = settings.approvalRule;
  if (!quorum || !approval || (rule !== 'at_least' && rule !== 'more_than')) {
    throw new RangeError(`invalid vote settings: ${JSON.stringify(settings)}`);
  }
  return { quorum, approval, approvalRule: rule };
}

/**
 * The tally of ballots among the eligible voters: a count, or the ids (then every ballot must come
 * from a different one of them). `voterId` is needed only with ids.
 */
export function tally(
  eligible: number | readonly string[],
  ballots: readonly { voterId?: string; choice: BallotChoice }[],
  rules: VoteRules,
  options: TallyOptions = {},
): Tally {
  if (typeof eligible !== 'number') checkVoters(eligible, ballots);
  const counts: BallotCounts = { approve: 0, reject: 0, abstain: 0 };
  for (const b of ballots) {
    if (!Object.hasOwn(counts, b.choice)) throw new RangeError(`not a ballot choice: ${b.choice}`);
    counts[b.choice]++;
  }
  return tallyCounts(typeof eligible === 'number' ? eligible : eligible.length, counts, rules, options);
}

/**
 * The tally from counts. While open, the outcome is `pending` until every completion of the
 * remaining ballots (each remaining member approves, rejects, abstains, stays away or recuses) gives
 * the same final outcome, and then that outcome. Reject and abstain weigh the same (in C, not in A),
 * so a completion ends at some (A', C') with C ≤ C' ≤ E and A ≤ A' ≤ A + (C' − C); as C' grows,
 * A ≥ a·C' only gets harder and A + (C' − C) ≥ a·C' only easier (a ≤ 1). Hence, in closed form:
 * - `approved` once the quorum is met and the approvals pass even if all the rest vote no
 *   (A ≥ a·E, or >): 9 members, 2/3 and 2/3, after 6 approvals;
 * - `rejected` once the quorum is met and the motion fails even if all the rest approve;
 * - `no_quorum` only when the quorum cannot be met by anyone: with q ≤ 1, only when nobody is
 *   eligible (everyone recused).
 * Before the quorum is met, staying away still gives no_quorum, so nothing is decided. A remaining
 * member who recuses lowers E and the quorum, which cannot undo any of these (the tests' oracle
 * includes recusals).
 */
export function tallyCounts(
  eligible: number,
  counts: BallotCounts,
  rules: VoteRules,
  options: TallyOptions = {},
): Tally {
  const { approve, reject, abstain } = counts;
  for (const [name, n] of Object.entries({ eligible, approve, reject, abstain })) {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a count: ${n}`);
  }
  const cast = approve + reject + abstain;
  if (cast > eligible) throw new RangeError(`${cast} ballots from ${eligible} eligible voters`);

  // A vote nobody could take part in approves nothing: at least one ballot, even when E = 0.
  const quorumRequired = Math.max(1, ceilTimes(rules.quorum, eligible));
  const quorumMet = cast >= quorumRequired;
  const base = { eligible, cast, approve, reject, abstain, quorumRequired, quorumMet };

  let outcome: VoteOutcome;
  if (options.final)
    outcome = !quorumMet ? 'no_quorum' : passes(approve, cast, rules) ? 'approved' : 'rejected';
  else if (quorumRequired > eligible) outcome = 'no_quorum';
  else if (!quorumMet) outcome = 'pending';
  else if (passes(approve, eligible, rules)) outcome = 'approved';
  else if (!passes(approve + eligible - cast, eligible, rules)) outcome = 'rejected';
  else outcome = 'pending';
  return { ...base, outcome, decided: outcome !== 'pending' };
}

function passes(approve: number, cast: number, rules: VoteRules): boolean {
  return rules.approvalRule === 'at_least'
    ? atLeast(approve, rules.approval, cast)
    : moreThan(approve, rules.approval, cast);
}

function checkVoters(eligible: readonly string[], ballots: readonly { voterId?: string }[]): void {
  const ids = new Set(eligible.map((id) => id.toLowerCase()));
  if (ids.size !== eligible.length) throw new RangeError('an eligible voter is listed twice');
  const seen = new Set<string>();
  for (const { voterId } of ballots) {
    const id = voterId?.toLowerCase();
    if (id === undefined || !ids.has(id))
      throw new RangeError(`a ballot from a non-eligible voter: ${voterId}`);
    if (seen.has(id)) throw new RangeError(`two ballots from one voter: ${voterId}`);
    seen.add(id);
  }
}
