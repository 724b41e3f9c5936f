import fc from 'fast-check';
import { AppError } from '../../common/errors/app-error';
import { MAX_FEN } from '../../common/money/fen';
import {
  assertPaymentAllowed,
  assertSeparationOfDuties,
  assertWithinAnnualCap,
  assertWithinApproved,
  assertWithinCaseCap,
  assertWithinPaid,
  type PaymentCheck,
} from './payment';

const SECRETARY = '5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f';
const COLLECTOR = '8d7e6f5a-1b2c-4d3e-8f90-a1b2c3d4e5f6';
const TREASURER = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

function errorOf(f: () => void): { code: string; status: number; details: unknown } | undefined {
  try {
    f();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { code: e.code, status: e.status, details: e.details };
  }
  return undefined;
}

describe('separation of duties', () => {
  const duties = { filedBy: COLLECTOR, voteOpenedBy: SECRETARY, allowSingleOfficer: false };

  it('lets a third person pay', () => {
    expect(errorOf(() => assertSeparationOfDuties({ ...duties, payerId: TREASURER }))).toBeUndefined();
  });

  it.each([
    ['the filer', COLLECTOR, 'filed_by'],
    ['the filer, id in capitals', COLLECTOR.toUpperCase(), 'filed_by'],
    ['who opened the vote', SECRETARY, 'vote_opened_by'],
  ])('refuses %s as the payer', (_who, payerId, conflict) => {
    expect(errorOf(() => assertSeparationOfDuties({ ...duties, payerId }))).toEqual({
      code: 'SEPARATION_OF_DUTIES',
      status: 422,
      details: { conflict },
    });
  });

  it('lets anyone pay when the society allows a single officer', () => {
    for (const payerId of [COLLECTOR, SECRETARY, TREASURER]) {
      expect(
        errorOf(() => assertSeparationOfDuties({ ...duties, payerId, allowSingleOfficer: true })),
      ).toBeUndefined();
    }
  });

  it('refuses the filer who also opened the vote', () => {
    const one = { filedBy: SECRETARY, voteOpenedBy: SECRETARY, allowSingleOfficer: false };
    expect(errorOf(() => assertSeparationOfDuties({ ...one, payerId: SECRETARY }))?.code).toBe(
      'SEPARATION_OF_DUTIES',
    );
    expect(errorOf(() => assertSeparationOfDuties({ ...one, payerId: TREASURER }))).toBeUndefined();
  });
});

describe('amounts', () => {
  it('pays at most the approved amount', () => {
    expect(errorOf(() => assertWithinApproved(100_000, 100_000))).toBeUndefined();
    expect(errorOf(() => assertWithinApproved(1, 100_000))).toBeUndefined();
    expect(errorOf(() => assertWithinApproved(100_001, 100_000))).toEqual({
      code: 'AMOUNT_EXCEEDS_APPROVED',
      status: 422,
      details: { approvedFen: 100_000 },
    });
  });

  it('keeps a person within the annual cap, this payment included (the cap itself allowed)', () => {
    const cap = { maxAidPerPersonPerYearFen: 1_000_000 };
    expect(
      errorOf(() => assertWithinAnnualCap({ ...cap, paidThisYearFen: 0, amountFen: 1_000_000 })),
    ).toBeUndefined();
    expect(
      errorOf(() => assertWithinAnnualCap({ ...cap, paidThisYearFen: 700_000, amountFen: 300_000 })),
    ).toBeUndefined();
    expect(
      errorOf(() => assertWithinAnnualCap({ ...cap, paidThisYearFen: 700_000, amountFen: 300_001 })),
    ).toEqual({
      code: 'ANNUAL_CAP_EXCEEDED',
      status: 422,
      details: { capFen: 1_000_000, paidThisYearFen: 700_000, remainingFen: 300_000 },
    });
    // Already over (the cap was lowered since): nothing remains, not a negative amount.
    expect(
      errorOf(() => assertWithinAnnualCap({ ...cap, paidThisYearFen: 1_200_000, amountFen: 1 }))?.details,
    ).toEqual({
      capFen: 1_000_000,
      paidThisYearFen: 1_200_000,
      remainingFen: 0,
    });
  });

  it('recovers at most what was paid (all of it, or a part)', () => {
    expect(errorOf(() => assertWithinPaid(100_000, 100_000))).toBeUndefined();
    expect(errorOf(() => assertWithinPaid(1, 100_000))).toBeUndefined();
    expect(errorOf(() => assertWithinPaid(100_001, 100_000))).toEqual({
      code: 'AMOUNT_EXCEEDS_APPROVED',
      status: 422,
      details: { paidFen: 100_000 },
    });
  });

  it('keeps a motion within the per-case cap (the cap itself allowed)', () => {
    expect(errorOf(() => assertWithinCaseCap(500_000, 500_000))).toBeUndefined();
    expect(errorOf(() => assertWithinCaseCap(500_001, 500_000))).toEqual({
      code: 'AMOUNT_OVER_CASE_CAP',
      status: 422,
      details: { capFen: 500_000 },
    });
  });

  it('agrees with plain integer comparison on any amounts up to 10^12 fen', () => {
    const fen = fc.integer({ min: 0, max: MAX_FEN });
    fc.assert(
      fc.property(fen, fen, fen, (amount, paid, cap) => {
        expect(errorOf(() => assertWithinCaseCap(amount, cap)) === undefined).toBe(amount <= cap);
        expect(errorOf(() => assertWithinApproved(amount, cap)) === undefined).toBe(amount <= cap);
        expect(errorOf(() => assertWithinPaid(amount, paid)) === undefined).toBe(amount <= paid);
        expect(
          errorOf(() =>
            assertWithinAnnualCap({
              amountFen: amount,
              paidThisYearFen: paid,
              maxAidPerPersonPerYearFen: cap,
            }),
          ) === undefined,
        ).toBe(amount + paid <= cap);
      }),
    );
  });

  it.each([-1, 0.5, Number.NaN, MAX_FEN + 1, Number.MAX_SAFE_INTEGER + 2])(
    'treats %p fen as a bug',
    (bad) => {
      expect(() => assertWithinApproved(bad, 100)).toThrow(RangeError);
      expect(() => assertWithinCaseCap(100, bad)).toThrow(RangeError);
      expect(() => assertWithinPaid(bad, 100)).toThrow(RangeError);
      expect(() => assertWithinPaid(1, bad)).toThrow(RangeError);
      expect(() =>
        assertWithinAnnualCap({ amountFen: 1, paidThisYearFen: bad, maxAidPerPersonPerYearFen: 100 }),
      ).toThrow(RangeError);
    },
  );
});

describe('a payment, all rules together', () => {
  const ok: PaymentCheck = {
    payerId: TREASURER,
    filedBy: COLLECTOR,
    voteOpenedBy: SECRETARY,
    allowSingleOfficer: false,
    amountFen: 100_000,
    approvedFen: 100_000,
    paidThisYearFen: 0,
    maxAidPerPersonPerYearFen: 1_000_000,
  };

  it('passes a proper payment', () => {
    expect(errorOf(() => assertPaymentAllowed(ok))).toBeUndefined();
  });

  it('checks who pays before how much, and the approved amount before the annual cap', () => {
    const everythingWrong = { ...ok, payerId: SECRETARY, amountFen: 2_000_000, paidThisYearFen: 900_000 };
    expect(errorOf(() => assertPaymentAllowed(everythingWrong))?.code).toBe('SEPARATION_OF_DUTIES');
    expect(errorOf(() => assertPaymentAllowed({ ...everythingWrong, payerId: TREASURER }))?.code).toBe(
      'AMOUNT_EXCEEDS_APPROVED',
    );
    expect(errorOf(() => assertPaymentAllowed({ ...ok, paidThisYearFen: 900_001 }))?.code).toBe(
      'ANNUAL_CAP_EXCEEDED',
    );
  });
});
