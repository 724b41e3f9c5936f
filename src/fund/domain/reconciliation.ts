import { ACCOUNT_CODES, AccountCode, accountType } from './ledger';

/** What reconciliation compares, as read from one snapshot. */
export interface LedgerTotals {
  accounts: { code: AccountCode; balanceFen: number; debitsFen: number; creditsFen: number }[];
  fund: { balanceFen: number; heldFen: number };
  openHoldsFen: number;
  entries: number;
  maxSeq: number;
  unbalancedEntries: number;
}

export interface Reconciliation {
  ok: boolean;
  accounts: { code: AccountCode; balanceFen: number; ledgerFen: number }[];
  debitsFen: number;
  creditsFen: number;
  heldFen: number;
  holdsFen: number;
  entries: number;
  unbalancedEntries: number;
  seqGapFree: boolean;
}

/** Cached balances against the lines, held against the open holds, seq 1..n without gaps. */
export function reconcile(t: LedgerTotals): Reconciliation {
  const byCode = new Map(t.accounts.map((a) => [a.code, a]));
  const accounts = ACCOUNT_CODES.map((code) => {
    const a = byCode.get(code) ?? { balanceFen: 0, debitsFen: 0, creditsFen: 0 };
    const net = a.debitsFen - a.creditsFen;
    return { code, balanceFen: a.balanceFen, ledgerFen: accountType(code) === 'income' ? -net : net };
  });
  const debitsFen = t.accounts.reduce((s, a) => s + a.debitsFen, 0);
  const creditsFen = t.accounts.reduce((s, a) => s + a.creditsFen, 0);
  const heldFen = t.fund.heldFen;
  const assets = accounts
    .filter((r) => r.code === 'bank' || r.code === 'cash')
    .reduce((s, r) => s + r.ledgerFen, 0);
  const seqGapFree = t.maxSeq === t.entries;
  const ok =
    accounts.every((r) => r.balanceFen === r.ledgerFen) &&
    debitsFen === creditsFen &&
    heldFen === t.openHoldsFen &&
    t.fund.balanceFen === assets &&
    heldFen <= assets &&
    t.unbalancedEntries === 0 &&
    seqGapFree;
  return {
    ok,
    accounts,
    debitsFen,
    creditsFen,
    heldFen,
    holdsFen: t.openHoldsFen,
    entries: t.entries,
    unbalancedEntries: t.unbalancedEntries,
    seqGapFree,
  };
}
