import { AppError } from '../../common/errors/app-error';
import { isFen } from '../../common/money/fen';

/**
 * Rules on the money of a case (API.md "Votes", "Payment (pay first)", "Separation of duties", and
 * the recovery of a disputed case's aid).
 * Caps are inclusive (以内): an amount equal to a cap is allowed, one fen over is not.
 */

export interface PaymentDuties {
  payerId: string;
  filedBy: string;
  /** Who opened the vote that approved the case. */
  voteOpenedBy: string;
  allowSingleOfficer: boolean;
}

/**
 * The cashier may not be who filed the case or opened its vote (accounting law keeps the cashier
 * apart from the books), unless the society runs with one officer: 422 SEPARATION_OF_DUTIES.
 */
export function assertSeparationOfDuties(d: PaymentDuties): void {
  if (d.allowSingleOfficer) return;
  const payer = d.payerId.toLowerCase();
  if (payer === d.filedBy.toLowerCase()) throw new AppError('SEPARATION_OF_DUTIES', { conflict: 'filed_by' });
  if (payer === d.voteOpenedBy.toLowerCase()) {
    throw new AppError('SEPARATION_OF_DUTIES', { conflict: 'vote_opened_by' });
  }
}

/** A payment of at most the approved amount (less is allowed: the rest of the hold is released). */
export function assertWithinApproved(amountFen: number, approvedFen: number): void {
  checkFen({ amountFen, approvedFen });
  if (amountFen > approvedFen) throw new AppError('AMOUNT_EXCEEDS_APPROVED', { approvedFen });
}

/**
 * A recovery brings back at most what was paid (part of it when only part can be recovered): else
 * 422 AMOUNT_EXCEEDS_APPROVED, naming what was paid.
 */
export function assertWithinPaid(amountFen: number, paidFen: number): void {
  checkFen({ amountFen, paidFen });
  if (amountFen > paidFen) throw new AppError('AMOUNT_EXCEEDS_APPROVED', { paidFen });
}

export interface AnnualAid {
  amountFen: number;
  /** Aid already paid to the same person by this society in this calendar year (society-local). */
  paidThisYearFen: number;
  maxAidPerPersonPerYearFen: number;
}

/** The person's aid this year, this payment included, within the cap: else 422 ANNUAL_CAP_EXCEEDED. */
export function assertWithinAnnualCap(a: AnnualAid): void {
  const { amountFen, paidThisYearFen, maxAidPerPersonPerYearFen: capFen } = a;
  checkFen({ amountFen, paidThisYearFen, capFen });
  if (paidThisYearFen + amountFen > capFen) {
    throw new AppError('ANNUAL_CAP_EXCEEDED', {
      capFen,
      paidThisYearFen,
      remainingFen: Math.max(0, capFen - paidThisYearFen),
    });
  }
}

/** A vote's motion amount within the per-case cap: else 422 AMOUNT_OVER_CASE_CAP. */
export function assertWithinCaseCap(amountFen: number, maxAidPerCaseFen: number): void {
  checkFen({ amountFen, maxAidPerCaseFen });
  if (amountFen > maxAidPerCaseFen) throw new AppError('AMOUNT_OVER_CASE_CAP', { capFen: maxAidPerCaseFen });
}

export interface PaymentCheck extends PaymentDuties, AnnualAid {
  approvedFen: number;
}

/**
 * Everything a payment must satisfy besides the case's status (transition 'pay') and the account's
 * balance (the ledger): who pays first, then how much.
 */
export function assertPaymentAllowed(p: PaymentCheck): void {
  assertSeparationOfDuties(p);
  assertWithinApproved(p.amountFen, p.approvedFen);
  assertWithinAnnualCap(p);
}

// The DTOs bound every amount; a value out of range here is a bug, not a request to answer.
function checkFen(values: Record<string, number>): void {
  for (const [name, v] of Object.entries(values)) {
    if (!isFen(v)) throw new RangeError(`${name} must be an amount in fen: ${String(v)}`);
  }
}
