import fc from 'fast-check';
import { AppError } from '../../common/errors/app-error';
import {
  allowedActions,
  canTransition,
  CASE_ACTIONS,
  CASE_STATUSES,
  isTerminal,
  transition,
  type CaseAction,
  type CaseStatus,
} from './case-status';

// Written from API.md by hand, not derived from the module: every allowed (status, action) → next.
// Every pair not listed here must be refused.
const ALLOWED: Record<CaseStatus, Partial<Record<CaseAction, CaseStatus>>> = {
  draft: {
    edit: 'draft',
    attach: 'draft',
    detach: 'draft',
    open_vote: 'voting',
    withdraw: 'withdrawn',
  },
  voting: {
    attach: 'voting',
    approve: 'approved',
    reject: 'rejected',
    no_quorum: 'draft',
    withdraw: 'withdrawn',
  },
  approved: { attach: 'approved', pay: 'paid', withdraw: 'withdrawn' },
  rejected: {},
  paid: { publicize: 'publicized' },
  publicized: {
    withdraw_disclosure: 'paid',
    end_disclosure: 'closed',
    dispute: 'disputed',
  },
  disputed: { recover: 'recovered', clear: 'closed' },
  recovered: {},
  closed: {},
  withdrawn: {},
};

const pairs = CASE_STATUSES.flatMap((s) => CASE_ACTIONS.map((a) => [s, a] as [CaseStatus, CaseAction]));

describe('case state machine', () => {
  it('knows every status and action of the table', () => {
    expect([...CASE_STATUSES].sort()).toEqual(Object.keys(ALLOWED).sort());
    const tableActions = new Set(Object.values(ALLOWED).flatMap((m) => Object.keys(m)));
    for (const a of tableActions) expect(CASE_ACTIONS).toContain(a);
    expect(pairs).toHaveLength(10 * 15);
  });

  it.each(pairs)('%s + %s', (status, action) => {
    const expected = ALLOWED[status][action];
    expect(canTransition(status, action)).toBe(expected !== undefined);
    if (expected !== undefined) {
      expect(transition(status, action)).toBe(expected);
      return;
    }
    let thrown: unknown;
    try {
      transition(status, action);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('INVALID_STATE');
    expect((thrown as AppError).status).toBe(409);
    expect((thrown as AppError).details).toEqual({ status, action });
  });

  it('lists the allowed actions of each status in a stable order', () => {
    expect(allowedActions('draft')).toEqual(['edit', 'attach', 'detach', 'open_vote', 'withdraw']);
    expect(allowedActions('publicized')).toEqual(['withdraw_disclosure', 'end_disclosure', 'dispute']);
    for (const s of CASE_STATUSES) {
      expect(new Set(allowedActions(s))).toEqual(new Set(Object.keys(ALLOWED[s])));
    }
  });

  it('ends in rejected, recovered, closed and withdrawn only', () => {
    expect(CASE_STATUSES.filter(isTerminal).sort()).toEqual(
      ['closed', 'recovered', 'rejected', 'withdrawn'].sort(),
    );
  });

  it('refuses strings that are not statuses or actions, including inherited keys', () => {
    for (const [s, a] of [
      ['__proto__', 'edit'],
      ['draft', '__proto__'],
      ['draft', 'constructor'],
      ['toString', 'pay'],
      ['Draft', 'edit'],
      ['draft', 'EDIT'],
    ]) {
      expect(canTransition(s as CaseStatus, a as CaseAction)).toBe(false);
      expect(() => transition(s as CaseStatus, a as CaseAction)).toThrow(AppError);
    }
  });

  it('reaches every status from a draft, and money moves only through approved → paid', () => {
    const seen = new Set<CaseStatus>(['draft']);
    const queue: CaseStatus[] = ['draft'];
    while (queue.length) {
      const s = queue.shift()!;
      for (const a of allowedActions(s)) {
        const next = transition(s, a);
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    expect([...seen].sort()).toEqual([...CASE_STATUSES].sort());
  });

  it('on any sequence of actions, a case is paid only after approval and never paid twice', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CASE_ACTIONS), { maxLength: 40 }), (actions) => {
        let status: CaseStatus = 'draft';
        let approved = false;
        let payments = 0;
        for (const a of actions) {
          if (!canTransition(status, a)) continue;
          if (a === 'pay') {
            expect(approved).toBe(true);
            payments++;
          }
          status = transition(status, a);
          if (status === 'approved') approved = true;
          if (status === 'draft') approved = false;
        }
        expect(payments).toBeLessThanOrEqual(1);
      }),
    );
  });
});
