import fc from 'fast-check';
import { CASE_STATUSES, CaseStatus } from '../../cases/domain/case-status';
import { casesToClose, ClosingInput, hasEnded } from './closing';

const endsAt = new Date('2026-12-07T16:00:00Z');
const before = new Date('2026-12-07T15:59:59Z');
const after = new Date('2026-12-07T16:00:00Z');
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';

const input = (over: Partial<ClosingInput> = {}): ClosingInput => ({
  disclosure: { status: 'ended', endsAt },
  items: [
    { caseId: A, status: 'publicized' },
    { caseId: B, status: 'publicized' },
    { caseId: C, status: 'publicized' },
  ],
  openObjections: [],
  ...over,
});

describe('hasEnded', () => {
  it('is true once ended, or active and past endsAt; never for a withdrawn notice', () => {
    expect(hasEnded({ status: 'ended', endsAt }, before)).toBe(true);
    expect(hasEnded({ status: 'active', endsAt }, before)).toBe(false);
    expect(hasEnded({ status: 'active', endsAt }, after)).toBe(true);
    expect(hasEnded({ status: 'withdrawn', endsAt }, after)).toBe(false);
  });
});

describe('casesToClose', () => {
  it('closes every publicized case of an ended notice without open objections', () => {
    expect(casesToClose(input(), after)).toEqual([A, B, C]);
  });

  it('closes nothing while the period runs, nor on a withdrawn notice', () => {
    expect(casesToClose(input({ disclosure: { status: 'active', endsAt } }), before)).toEqual([]);
    expect(casesToClose(input({ disclosure: { status: 'withdrawn', endsAt } }), after)).toEqual([]);
  });

  it('closes an active notice past its end (the job has not run yet)', () => {
    expect(casesToClose(input({ disclosure: { status: 'active', endsAt } }), after)).toEqual([A, B, C]);
  });

  it('keeps open a case an open objection names, and every case while one names the whole notice', () => {
    expect(casesToClose(input({ openObjections: [{ caseId: B }] }), after)).toEqual([A, C]);
    expect(casesToClose(input({ openObjections: [{ caseId: B.toUpperCase() }] }), after)).toEqual([A, C]);
    expect(casesToClose(input({ openObjections: [{ caseId: B }, { caseId: null }] }), after)).toEqual([]);
  });

  it('leaves a disputed, closed or recovered case alone', () => {
    const items: ClosingInput['items'] = [
      { caseId: A, status: 'disputed' },
      { caseId: B, status: 'closed' },
      { caseId: C, status: 'recovered' },
    ];
    expect(casesToClose(input({ items }), after)).toEqual([]);
  });

  it('closes exactly the publicized cases no open objection holds (property)', () => {
    const ids = [A, B, C];
    fc.assert(
      fc.property(
        fc.constantFrom(...(['active', 'ended', 'withdrawn'] as const)),
        fc.boolean(),
        fc.array(fc.constantFrom<CaseStatus>(...CASE_STATUSES), { minLength: 3, maxLength: 3 }),
        fc.array(fc.option(fc.constantFrom(...ids), { nil: null }), { maxLength: 4 }),
        (status, late, statuses, objections) => {
          const now = late ? after : before;
          const got = casesToClose(
            input({
              disclosure: { status, endsAt },
              items: ids.map((caseId, i) => ({ caseId, status: statuses[i] })),
              openObjections: objections.map((caseId) => ({ caseId })),
            }),
            now,
          );
          const ended = status === 'ended' || (status === 'active' && late);
          const want = ids.filter(
            (id, i) =>
              ended && statuses[i] === 'publicized' && !objections.includes(null) && !objections.includes(id),
          );
          expect(got).toEqual(want);
        },
      ),
    );
  });
});
