import fc from 'fast-check';
import { tally, tallyCounts, voteRules, type ApprovalRule, type VoteOutcome, type VoteRules } from './tally';

const rules = (quorum: string, approval: string, approvalRule: ApprovalRule = 'at_least'): VoteRules =>
  voteRules({ quorum, approval, approvalRule });

const counts = (approve: number, reject = 0, abstain = 0) => ({ approve, reject, abstain });

// --- The oracle: the final outcome by the rule's words, in plain integers, and every completion. ---

type Frac = [p: number, q: number];
const FRACTIONS: Frac[] = [
  [1, 2],
  [2, 3],
  [3, 4],
  [1, 1],
  [1, 3],
  [3, 5],
];

/** Quorum: C ≥ q·E (and someone voted); passes: A ≥ a·C or A > a·C. Products are tiny: exact. */
function oracleOutcome(E: number, A: number, C: number, q: Frac, a: Frac, rule: ApprovalRule): VoteOutcome {
  const quorumMet = C > 0 && C * q[1] >= q[0] * E;
  if (!quorumMet) return 'no_quorum';
  const pass = rule === 'at_least' ? A * a[1] >= a[0] * C : A * a[1] > a[0] * C;
  return pass ? 'approved' : 'rejected';
}

const OUTCOMES: VoteOutcome[] = ['approved', 'rejected', 'no_quorum'];
const bit = (o: VoteOutcome): number => 1 << OUTCOMES.indexOf(o);
const fromBits = (bits: number): Set<VoteOutcome> => new Set(OUTCOMES.filter((o) => bits & bit(o)));

/**
 * Every final outcome reachable from (A, R, B) when each of the m members yet to vote approves,
 * rejects, abstains, stays away or recuses (which also leaves the eligible set). Completions are
 * enumerated as how many members take each of the five courses: a tally counts, so which member
 * does what cannot matter (the literal per-member enumeration agrees, tested below).
 */
function oracleOutcomes(
  E: number,
  A: number,
  R: number,
  B: number,
  q: Frac,
  a: Frac,
  rule: ApprovalRule,
  { all = false } = {},
): Set<VoteOutcome> {
  const m = E - A - R - B;
  let bits = 0;
  for (let ap = 0; ap <= m; ap++)
    for (let re = 0; ap + re <= m; re++)
      for (let ab = 0; ap + re + ab <= m; ab++)
        for (let recused = 0; ap + re + ab + recused <= m; recused++) {
          bits |= bit(oracleOutcome(E - recused, A + ap, A + ap + R + re + B + ab, q, a, rule));
          // Two outcomes already mean "not decided"; only the comparison with the literal walk needs all.
          if (!all && (bits & (bits - 1)) !== 0) return fromBits(bits);
        }
  return fromBits(bits);
}

/** The same, member by member (4^m or 5^m sequences): only for small boards. */
function literalOutcomes(E: number, A: number, R: number, B: number, q: Frac, a: Frac, rule: ApprovalRule) {
  const m = E - A - R - B;
  const out = new Set<VoteOutcome>();
  const walk = (i: number, e: number, approve: number, cast: number): void => {
    if (i === m) {
      out.add(oracleOutcome(e, approve, cast, q, a, rule));
      return;
    }
    walk(i + 1, e, approve + 1, cast + 1); // approve
    walk(i + 1, e, approve, cast + 1); // reject
    walk(i + 1, e, approve, cast + 1); // abstain
    walk(i + 1, e, approve, cast); // absent
    walk(i + 1, e - 1, approve, cast); // recuse
  };
  walk(0, E, A, A + R + B);
  return out;
}

const canonical = (o: object): string => JSON.stringify(o, Object.keys(o).sort());

const SETTINGS = FRACTIONS.flatMap((q) =>
  FRACTIONS.flatMap((a) => (['at_least', 'more_than'] as const).map((rule) => ({ q, a, rule }))),
);

function* splits(E: number): Generator<[number, number, number]> {
  for (let A = 0; A <= E; A++)
    for (let R = 0; A + R <= E; R++) for (let B = 0; A + R + B <= E; B++) yield [A, R, B];
}

describe('tally against a brute-force oracle', () => {
  it('the oracle by counts agrees with the oracle member by member (boards up to 5)', () => {
    for (let E = 0; E <= 5; E++)
      for (const { q, a, rule } of SETTINGS)
        for (const [A, R, B] of splits(E)) {
          expect([...oracleOutcomes(E, A, R, B, q, a, rule, { all: true })].sort()).toEqual(
            [...literalOutcomes(E, A, R, B, q, a, rule)].sort(),
          );
        }
  });

  it.each(Array.from({ length: 16 }, (_, E) => E))(
    'board of %i: every split so far, every setting, open and at close',
    (E) => {
      const mismatches: string[] = [];
      let checked = 0;
      for (const { q, a, rule } of SETTINGS) {
        const r = rules(`${q[0]}/${q[1]}`, `${a[0]}/${a[1]}`, rule);
        let quorumRequired = 0;
        while (!(quorumRequired > 0 && quorumRequired * q[1] >= q[0] * E)) quorumRequired++;
        for (const [A, R, B] of splits(E)) {
          const C = A + R + B;
          const reachable = oracleOutcomes(E, A, R, B, q, a, rule);
          const decided = reachable.size === 1;
          const open = tallyCounts(E, counts(A, R, B), r);
          const closed = tallyCounts(E, counts(A, R, B), r, { final: true });
          const expected = {
            eligible: E,
            cast: C,
            approve: A,
            reject: R,
            abstain: B,
            quorumRequired,
            quorumMet: C >= quorumRequired,
          };
          const want = {
            open: { ...expected, decided, outcome: decided ? [...reachable][0] : 'pending' },
            closed: { ...expected, decided: true, outcome: oracleOutcome(E, A, C, q, a, rule) },
          };
          if (canonical(open) !== canonical(want.open) || canonical(closed) !== canonical(want.closed)) {
            mismatches.push(
              `E=${E} q=${q.join('/')} a=${a.join('/')} ${rule} A=${A} R=${R} B=${B}: ${JSON.stringify({ open, closed })}`,
            );
          }
          checked++;
        }
      }
      expect(mismatches.slice(0, 5)).toEqual([]);
      expect(checked).toBe((SETTINGS.length * ((E + 1) * (E + 2) * (E + 3))) / 6);
    },
  );
});

describe('tally examples', () => {
  const twoThirds = rules('2/3', '2/3');

  it('9 members, 2/3 and 2/3: approved after 6 approvals, not after 5', () => {
    expect(tallyCounts(9, counts(5), twoThirds)).toMatchObject({
      outcome: 'pending',
      decided: false,
      quorumRequired: 6,
    });
    expect(tallyCounts(9, counts(6), twoThirds)).toEqual({
      eligible: 9,
      cast: 6,
      approve: 6,
      reject: 0,
      abstain: 0,
      quorumRequired: 6,
      quorumMet: true,
      outcome: 'approved',
      decided: true,
    });
  });

  it('9 members, 2/3 and 2/3: rejected only once it cannot pass and the quorum is met', () => {
    // 3 rejections: 6 approvals of 9 would still pass.
    expect(tallyCounts(9, counts(0, 3), twoThirds)).toMatchObject({ outcome: 'pending', decided: false });
    // 4 rejections cannot pass any more, but if nobody else votes there is no quorum (back to draft).
    expect(tallyCounts(9, counts(0, 4), twoThirds)).toMatchObject({ outcome: 'pending', decided: false });
    // 4 rejections and 2 approvals: quorum met, at most 5 approvals of 9 (or 4 of 8, 3 of 7).
    expect(tallyCounts(9, counts(2, 4), twoThirds)).toMatchObject({ outcome: 'rejected', decided: true });
  });

  it('abstentions count toward the quorum, not toward approval', () => {
    // 6 of 9 voted (quorum), 4 approve: 4 ≥ 2/3·6 passes at close.
    expect(tallyCounts(9, counts(4, 0, 2), twoThirds, { final: true })).toMatchObject({
      quorumMet: true,
      outcome: 'approved',
    });
    // 3 approve, 3 abstain: 3 < 4.
    expect(tallyCounts(9, counts(3, 0, 3), twoThirds, { final: true })).toMatchObject({
      outcome: 'rejected',
    });
  });

  it('"以上" includes the number, "超过" and "过半数" exclude it', () => {
    const half = (rule: ApprovalRule) => rules('1/2', '1/2', rule);
    // 10 voted, 5 approve: at least half, but not more than half.
    expect(tallyCounts(10, counts(5, 5), half('at_least'), { final: true }).outcome).toBe('approved');
    expect(tallyCounts(10, counts(5, 5), half('more_than'), { final: true }).outcome).toBe('rejected');
    expect(tallyCounts(10, counts(6, 4), half('more_than'), { final: true }).outcome).toBe('approved');
  });

  it('at close, too few ballots is no_quorum; while open it is pending', () => {
    expect(tallyCounts(9, counts(5), twoThirds, { final: true })).toMatchObject({
      quorumMet: false,
      outcome: 'no_quorum',
      decided: true,
    });
    expect(tallyCounts(9, counts(0), twoThirds)).toMatchObject({ outcome: 'pending', decided: false });
  });

  it('a vote where everyone recused is decided: no_quorum, never approved by nobody', () => {
    for (const r of [twoThirds, rules('1/2', '1/2'), rules('1/1', '1/1', 'more_than')]) {
      expect(tallyCounts(0, counts(0), r)).toMatchObject({
        eligible: 0,
        quorumRequired: 1,
        outcome: 'no_quorum',
        decided: true,
      });
      expect(tallyCounts(0, counts(0), r, { final: true }).outcome).toBe('no_quorum');
    }
  });

  it('a board of one decides with its ballot', () => {
    expect(tallyCounts(1, counts(1), twoThirds).outcome).toBe('approved');
    expect(tallyCounts(1, counts(0, 1), twoThirds).outcome).toBe('rejected');
    expect(tallyCounts(1, counts(0, 0, 1), twoThirds).outcome).toBe('rejected');
  });

  it('uses exact fractions where floating point would round (3 of 9 at 1/3, 7 of 21 at 1/3)', () => {
    // 1/3·9 = 3 exactly; 0.333…·9 in floats is 2.9999999999999996 or 3.0000000000000004 depending on the path.
    expect(tallyCounts(9, counts(3, 0), rules('1/3', '1/1'), { final: true }).quorumMet).toBe(true);
    expect(tallyCounts(21, counts(7, 0), rules('1/3', '1/3'), { final: true }).outcome).toBe('approved');
    expect(tallyCounts(21, counts(7, 14), rules('1/1', '1/3', 'more_than'), { final: true }).outcome).toBe(
      'rejected',
    );
  });
});

describe('tally over ballots and ids', () => {
  const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
  const twoThirds = rules('2/3', '2/3');

  it('counts the ballots of the eligible ids', () => {
    const t = tally(
      ids,
      [
        { voterId: 'a', choice: 'approve' },
        { voterId: 'b', choice: 'reject' },
        { voterId: 'C', choice: 'abstain' }, // ids compare without case, like UUIDs
      ],
      twoThirds,
    );
    expect(t).toMatchObject({ eligible: 9, cast: 3, approve: 1, reject: 1, abstain: 1, outcome: 'pending' });
  });

  it('a recusal shrinks E: 5 approvals of 8 eligible decide what 5 of 9 do not', () => {
    const five = ids.slice(0, 5).map((voterId) => ({ voterId, choice: 'approve' as const }));
    expect(tally(ids, five, twoThirds).decided).toBe(false);
    const afterRecusal = ids.filter((id) => id !== 'i');
    // E = 8: quorum 6 (16/3 → 6); 5 approvals of 6 or more still fail at 5 of 8 (5 < 16/3)…
    expect(tally(afterRecusal, five, twoThirds).decided).toBe(false);
    // …but with 7 eligible, 5 approvals meet the quorum (5 ≥ 14/3) and pass every completion.
    expect(tally(afterRecusal.slice(0, 7), five, twoThirds)).toMatchObject({
      eligible: 7,
      outcome: 'approved',
      decided: true,
    });
  });

  it('takes a count of eligible voters as well', () => {
    expect(tally(3, [{ choice: 'approve' }, { choice: 'approve' }], twoThirds).outcome).toBe('approved');
  });

  it('refuses ballots the vote could not hold', () => {
    expect(() => tally(ids, [{ voterId: 'z', choice: 'approve' }], twoThirds)).toThrow(RangeError);
    expect(() => tally(ids, [{ choice: 'approve' }], twoThirds)).toThrow(RangeError);
    expect(() =>
      tally(
        ids,
        [
          { voterId: 'a', choice: 'approve' },
          { voterId: 'A', choice: 'reject' },
        ],
        twoThirds,
      ),
    ).toThrow(RangeError);
    expect(() => tally(['a', 'A'], [], twoThirds)).toThrow(RangeError);
    expect(() => tally(1, [{ choice: 'approve' }, { choice: 'reject' }], twoThirds)).toThrow(RangeError);
    expect(() => tally(3, [{ choice: 'yes' as never }], twoThirds)).toThrow(RangeError);
    expect(() => tally(3, [{ choice: 'toString' as never }], twoThirds)).toThrow(RangeError);
    expect(() => tallyCounts(3, counts(-1), twoThirds)).toThrow(RangeError);
    expect(() => tallyCounts(3, counts(1.5), twoThirds)).toThrow(RangeError);
    expect(() => tallyCounts(Number.NaN, counts(0), twoThirds)).toThrow(RangeError);
  });
});

describe('voteRules', () => {
  it('parses the settings strings', () => {
    expect(voteRules({ quorum: '2/3', approval: '1/2', approvalRule: 'more_than' })).toEqual({
      quorum: { p: 2, q: 3 },
      approval: { p: 1, q: 2 },
      approvalRule: 'more_than',
    });
  });

  it.each([
    { quorum: '3/2', approval: '2/3', approvalRule: 'at_least' },
    { quorum: '2/3', approval: '0/3', approvalRule: 'at_least' },
    { quorum: '2/3', approval: '2/3', approvalRule: 'most' },
  ])('refuses %p', (s) => {
    expect(() => voteRules(s)).toThrow(RangeError);
  });
});

describe('tally properties (large boards)', () => {
  const frac = fc
    .integer({ min: 1, max: 12 })
    .chain((q) => fc.integer({ min: 1, max: q }).map((p) => `${p}/${q}`));
  const arbRules = fc
    .record({ quorum: frac, approval: frac, approvalRule: fc.constantFrom('at_least', 'more_than') })
    .map(voteRules);
  const arbVote = fc.integer({ min: 0, max: 400 }).chain((E) =>
    fc
      .tuple(fc.nat({ max: E }), fc.nat({ max: E }), fc.nat({ max: E }))
      .filter(([a, r, b]) => a + r + b <= E)
      .map(([a, r, b]) => ({ E, c: counts(a, r, b) })),
  );

  it('a decided outcome is what closing gives, now and after any further ballots', () => {
    fc.assert(
      fc.property(
        arbRules,
        arbVote,
        fc.array(
          fc.constantFrom('approve', 'reject', 'abstain') as fc.Arbitrary<'approve' | 'reject' | 'abstain'>,
        ),
        (r, { E, c }, more) => {
          const now = tallyCounts(E, c, r);
          if (!now.decided) return;
          expect(tallyCounts(E, c, r, { final: true }).outcome).toBe(now.outcome);
          const later = { ...c };
          for (const choice of more) {
            if (later.approve + later.reject + later.abstain === E) break;
            later[choice]++;
            expect(tallyCounts(E, later, r)).toMatchObject({ decided: true, outcome: now.outcome });
          }
        },
      ),
    );
  });

  it('an undecided vote can still end two ways: all the rest approve, or all the rest stay away/reject', () => {
    fc.assert(
      fc.property(arbRules, arbVote, (r, { E, c }) => {
        const now = tallyCounts(E, c, r);
        if (now.decided) return;
        const m = E - now.cast;
        const ends = new Set<VoteOutcome>();
        for (let k = 0; k <= m; k++) {
          ends.add(tallyCounts(E, { ...c, approve: c.approve + k }, r, { final: true }).outcome);
          ends.add(tallyCounts(E, { ...c, reject: c.reject + k }, r, { final: true }).outcome);
        }
        expect(ends.size).toBeGreaterThan(1);
      }),
    );
  });
});
