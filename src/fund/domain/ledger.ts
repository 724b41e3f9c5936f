import { AppError } from '../../common/errors/app-error';
import { isPositiveFen } from '../../common/money/fen';

/**
 * The fund's double-entry rules, pure. Accounts: `bank`, `cash` (assets, debit-normal), `donations`,
 * `recoveries` (income, credit-normal), `aid` (expense, debit-normal). Balances are kept on each
 * account's normal side; the fund's balance is bank + cash; `available = balance − held` is never
 * negative, and no asset account ever is.
 */
export const ACCOUNT_CODES = ['bank', 'cash', 'donations', 'recoveries', 'aid'] as const;
export type AccountCode = (typeof ACCOUNT_CODES)[number];
export const ASSET_ACCOUNTS = ['bank', 'cash'] as const;
export type AssetAccount = (typeof ASSET_ACCOUNTS)[number];
export type AccountType = 'asset' | 'income' | 'expense';

export const ENTRY_KINDS = ['donation', 'donation_void', 'aid_payment', 'recovery', 'transfer'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export function accountType(code: AccountCode): AccountType {
  if (code === 'bank' || code === 'cash') return 'asset';
  return code === 'aid' ? 'expense' : 'income';
}

export interface Line {
  account: AccountCode;
  debitFen: number;
  creditFen: number;
}

export type Balances = Record<AccountCode, number>;

export interface FundState {
  balances: Balances;
  heldFen: number;
}

export function fundBalance(b: Balances): number {
  return b.bank + b.cash;
}

export function available(s: FundState): number {
  return fundBalance(s.balances) - s.heldFen;
}

/** The change a line makes to its account's balance, on the account's normal side. */
export function normalDelta(line: Line): number {
  const net = line.debitFen - line.creditFen;
  return accountType(line.account) === 'income' ? -net : net;
}

/** Every line is one-sided and positive, there are at least two, and debits equal credits. */
export function assertBalanced(lines: readonly Line[]): void {
  let debits = 0;
  let credits = 0;
  for (const l of lines) {
    const oneSided = (l.debitFen === 0) !== (l.creditFen === 0);
    if (
      !oneSided ||
      !Number.isSafeInteger(l.debitFen) ||
      !Number.isSafeInteger(l.creditFen) ||
      l.debitFen < 0 ||
      l.creditFen < 0
    ) {
      throw new LedgerRuleError(`invalid line on ${l.account}: debit ${l.debitFen}, credit ${l.creditFen}`);
    }
    debits += l.debitFen;
    credits += l.creditFen;
  }
  if (lines.length < 2 || debits !== credits) {
    throw new LedgerRuleError(
      `entry does not balance: ${lines.length} lines, debits ${debits}, credits ${credits}`,
    );
  }
}

/**
 * The state after posting `lines`, or INSUFFICIENT_FUNDS when an asset account would go negative
 * or the fund's available money (balance − held) would.
 */
export function applyEntry(state: FundState, lines: readonly Line[]): FundState {
  assertBalanced(lines);
  const balances = { ...state.balances };
  for (const line of lines) balances[line.account] += normalDelta(line);
  const next = { balances, heldFen: state.heldFen };
  for (const code of ASSET_ACCOUNTS) {
    if (balances[code] < 0) throw insufficient(code, state.balances[code]);
  }
  if (available(next) < 0) throw insufficient('available', available(state));
  return next;
}

/** Reserve money for a vote: only what is available may be held. */
export function applyHold(state: FundState, amountFen: number): FundState {
  assertAmount(amountFen);
  if (amountFen > available(state)) throw insufficient('available', available(state));
  return { ...state, heldFen: state.heldFen + amountFen };
}

export function applyRelease(state: FundState, holdFen: number): FundState {
  if (holdFen > state.heldFen)
    throw new LedgerRuleError(`releasing ${holdFen} with only ${state.heldFen} held`);
  return { ...state, heldFen: state.heldFen - holdFen };
}

/**
 * Pay from a hold: the hold is removed whole (any remainder returns to available) and the payment
 * posted. Paying more than was held is the caller's AMOUNT_EXCEEDS_APPROVED, checked before this.
 */
export function applySettle(state: FundState, holdFen: number, lines: readonly Line[]): FundState {
  return applyEntry(applyRelease(state, holdFen), lines);
}

function assertAmount(amountFen: number): void {
  if (!isPositiveFen(amountFen)) throw new LedgerRuleError(`not an amount in fen: ${String(amountFen)}`);
}

function insufficient(account: AssetAccount | 'available', haveFen: number): AppError {
  return new AppError(
    'INSUFFICIENT_FUNDS',
    { account, availableFen: Math.max(0, haveFen) },
    account === 'available'
      ? {
          zh: '可用资金不足（部分资金已为表决或待付案件预留）',
          en: 'Insufficient available funds (some money is held for votes or unpaid cases)',
        }
      : {
          zh: `${account === 'cash' ? '现金' : '银行存款'}余额不足`,
          en: `Insufficient balance in ${account}`,
        },
  );
}

/** A programming error: code built an impossible entry. Never a user's mistake. */
export class LedgerRuleError extends Error {
  override name = 'LedgerRuleError';
}

// The entries the product posts. Amounts are positive fen.
const line = (account: AccountCode, debitFen: number, creditFen: number): Line => ({
  account,
  debitFen,
  creditFen,
});

export function donationLines(to: AssetAccount, amountFen: number): Line[] {
  return [line(to, amountFen, 0), line('donations', 0, amountFen)];
}

export function donationVoidLines(from: AssetAccount, amountFen: number): Line[] {
  return [line('donations', amountFen, 0), line(from, 0, amountFen)];
}

export function transferLines(from: AssetAccount, to: AssetAccount, amountFen: number): Line[] {
  if (from === to) throw new LedgerRuleError('a transfer needs two different accounts');
  return [line(to, amountFen, 0), line(from, 0, amountFen)];
}

export function aidPaymentLines(from: AssetAccount, amountFen: number): Line[] {
  return [line('aid', amountFen, 0), line(from, 0, amountFen)];
}

export function recoveryLines(to: AssetAccount, amountFen: number): Line[] {
  return [line(to, amountFen, 0), line('recoveries', 0, amountFen)];
}

/** What an entry records (a donation, a case…), by type and id. */
export interface Ref {
  type: string;
  id: string;
}

/** An entry as posted: what the ledger's intents return (the controller maps it to its DTO). */
export interface PostedEntry {
  id: string;
  seq: number;
  kind: EntryKind;
  postedAt: Date;
  memo: string | null;
  lines: Line[];
  ref: Ref | null;
}

export type HoldStatus = 'held' | 'released' | 'settled';

/** Money reserved for a vote or an approved case, until it is released or paid (settled). */
export interface HoldView {
  id: string;
  amountFen: number;
  status: HoldStatus;
  settledFen: number | null;
  ref: Ref | null;
}

/** The fund as the summary shows it, from one consistent state. */
export interface FundSummary {
  balanceFen: number;
  heldFen: number;
  availableFen: number;
  accounts: { code: AccountCode; balanceFen: number }[];
  totals: { donatedFen: number; aidPaidFen: number; recoveredFen: number };
}

export function summarize(state: FundState): FundSummary {
  const b = state.balances;
  return {
    balanceFen: fundBalance(b),
    heldFen: state.heldFen,
    availableFen: available(state),
    accounts: ACCOUNT_CODES.map((code) => ({ code, balanceFen: b[code] })),
    totals: { donatedFen: b.donations, aidPaidFen: b.aid, recoveredFen: b.recoveries },
  };
}
