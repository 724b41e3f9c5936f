import { AppError } from '../../common/errors/app-error';
import {
  assertMayCast,
  assertMayRecordMeetingBallot,
  assertMayRecuse,
  awaitsBallotFrom,
  eligibleAtOpening,
  eligibleVoters,
  isOpenAt,
  type VoteRoll,
} from './eligibility';

const A = '0a1b2c3d-0000-4000-8000-00000000000a';
const B = '0a1b2c3d-0000-4000-8000-00000000000b';
const C = '0a1b2c3d-0000-4000-8000-00000000000c';
const D = '0a1b2c3d-0000-4000-8000-00000000000d';
const OUTSIDER = '0a1b2c3d-0000-4000-8000-0000000000ff';

const closesAt = new Date('2026-03-02T08:00:00Z');
const before = new Date('2026-03-02T07:59:59.999Z');

// A, B, C, D eligible at opening; B has voted; C recused.
const roll = (over: Partial<VoteRoll> = {}): VoteRoll => ({
  open: true,
  closesAt,
  mode: 'remote',
  eligibleAtOpening: [A, B, C, D],
  recused: [C],
  voted: [B],
  ...over,
});

function errorOf(f: () => void): { code: string; status: number; details: unknown } | undefined {
  try {
    f();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { code: e.code, status: e.status, details: e.details };
  }
  return undefined;
}

describe('eligible set', () => {
  it('is the active board members at opening, each once', () => {
    expect(
      eligibleAtOpening([
        { userId: A, roles: ['board'], active: true },
        { userId: B, roles: ['secretary', 'board'], active: true },
        { userId: C, roles: ['board'], active: false },
        { userId: D, roles: ['treasurer', 'supervisor'], active: true },
        { userId: A.toUpperCase(), roles: ['board'], active: true },
      ]),
    ).toEqual([A.toUpperCase(), B]);
    expect(eligibleAtOpening([])).toEqual([]);
  });

  it('shrinks by recusal', () => {
    expect(eligibleVoters(roll())).toEqual([A, B, D]);
    expect(eligibleVoters(roll({ recused: [C.toUpperCase(), A] }))).toEqual([B, D]);
    expect(eligibleVoters(roll({ recused: [] }))).toEqual([A, B, C, D]);
  });

  it('is open until closed or until closesAt, whichever comes first', () => {
    expect(isOpenAt(roll(), before)).toBe(true);
    expect(isOpenAt(roll(), closesAt)).toBe(false);
    expect(isOpenAt(roll({ open: false }), before)).toBe(false);
  });
});

describe('casting a ballot', () => {
  it('lets an eligible member without a ballot vote while open, whatever the case of the id', () => {
    expect(errorOf(() => assertMayCast(roll(), A, before))).toBeUndefined();
    expect(errorOf(() => assertMayCast(roll(), D.toUpperCase(), before))).toBeUndefined();
  });

  it.each([
    [
      'someone never eligible',
      OUTSIDER,
      roll(),
      'NOT_ELIGIBLE',
      403,
      { voterId: OUTSIDER, reason: 'not_eligible' },
    ],
    ['a recused member', C, roll(), 'NOT_ELIGIBLE', 403, { voterId: C, reason: 'recused' }],
    ['a second ballot', B, roll(), 'ALREADY_VOTED', 409, { voterId: B }],
    [
      'a second ballot, id in capitals',
      B.toUpperCase(),
      roll(),
      'ALREADY_VOTED',
      409,
      { voterId: B.toUpperCase() },
    ],
    ['a closed vote', A, roll({ open: false }), 'VOTE_CLOSED', 409, undefined],
    ['a vote past closesAt not yet closed', A, roll(), 'VOTE_CLOSED', 409, undefined, closesAt],
    // Order: who you are first, then your ballot, then the clock.
    [
      'an outsider in a closed vote',
      OUTSIDER,
      roll({ open: false }),
      'NOT_ELIGIBLE',
      403,
      { voterId: OUTSIDER, reason: 'not_eligible' },
    ],
    [
      'a recused member in a closed vote',
      C,
      roll({ open: false }),
      'NOT_ELIGIBLE',
      403,
      { voterId: C, reason: 'recused' },
    ],
    [
      'a retried ballot after it closed the vote',
      B,
      roll({ open: false }),
      'ALREADY_VOTED',
      409,
      { voterId: B },
    ],
  ])('refuses %s', (_what, voter, r, code, status, details, now = before) => {
    expect(errorOf(() => assertMayCast(r, voter, now))).toEqual({ code, status, details });
  });
});

describe('a ballot recorded at a meeting', () => {
  it('is recorded for an eligible member without a ballot in a meeting vote', () => {
    expect(errorOf(() => assertMayRecordMeetingBallot(roll({ mode: 'meeting' }), A, before))).toBeUndefined();
  });

  it('is refused in a remote vote: nobody votes in another member’s name', () => {
    expect(errorOf(() => assertMayRecordMeetingBallot(roll(), A, before))).toEqual({
      code: 'INVALID_STATE',
      status: 409,
      details: { mode: 'remote', action: 'record_ballot' },
    });
  });

  it.each([
    [OUTSIDER, roll({ mode: 'meeting' }), 'NOT_ELIGIBLE'],
    [C, roll({ mode: 'meeting' }), 'NOT_ELIGIBLE'],
    [B, roll({ mode: 'meeting' }), 'ALREADY_VOTED'],
    [A, roll({ mode: 'meeting', open: false }), 'VOTE_CLOSED'],
  ])('applies the voter’s rules: %s → %s', (voter, r, code) => {
    expect(errorOf(() => assertMayRecordMeetingBallot(r, voter, before))?.code).toBe(code);
  });
});

describe('recusal', () => {
  it('is open to an eligible member who has not voted', () => {
    expect(errorOf(() => assertMayRecuse(roll(), A, before))).toBeUndefined();
    expect(errorOf(() => assertMayRecuse(roll(), D, before))).toBeUndefined();
  });

  it.each([
    ['someone never eligible', OUTSIDER, roll(), 'NOT_ELIGIBLE'],
    ['a member already recused', C, roll(), 'NOT_ELIGIBLE'],
    ['a member who has voted', B, roll(), 'ALREADY_VOTED'],
    ['a closed vote', A, roll({ open: false }), 'VOTE_CLOSED'],
  ])('refuses %s', (_what, voter, r, code) => {
    expect(errorOf(() => assertMayRecuse(r, voter, before))?.code).toBe(code);
  });
});

describe('waiting for my ballot', () => {
  it.each([
    [A, roll(), before, true],
    [D.toUpperCase(), roll(), before, true],
    [B, roll(), before, false], // voted
    [C, roll(), before, false], // recused
    [OUTSIDER, roll(), before, false],
    [A, roll({ open: false }), before, false],
    [A, roll(), closesAt, false],
  ])('%s: %p', (user, r, now, expected) => {
    expect(awaitsBallotFrom(r, user, now)).toBe(expected);
  });
});
