import { type LocalMonth, localDay } from '../../common/calendar';
import type { AssetAccount, EntryKind, Line } from '../../fund/domain/ledger';
import { publicDonorName, type DonorKind } from '../../donors/domain/labels';

/**
 * A society's monthly statement (DOMAIN.md: monthly reporting to the township): the fund's balance
 * when the month begins, every entry posted in the month, and the balance when it ends. Built from
 * the ledger alone, so it reconciles by construction: closing = opening + what the month's lines
 * moved in bank and cash, and the totals must say the same (else the builder refuses).
 */

/** Who reads it: the society's officers (real donor names) or anyone (DOMAIN.md "Privacy"). */
export type Audience = 'internal' | 'public';

/** The earliest month a statement may be asked for: no society's books go back before 1949. */
const EARLIEST_YEAR = 1949;

/** 'YYYY-MM' with a real month (01–12), or null: '2026-13', '2026-1' and 'abcd' are not periods. */
export function parsePeriod(text: unknown): LocalMonth | null {
  if (typeof text !== 'string') return null;
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  return year < EARLIEST_YEAR ? null : { year, month: Number(m[2]) };
}

/** An entry as the ledger posted it (fund's PostedEntry, the fields a statement reads). */
export interface LedgerEntry {
  seq: number;
  kind: EntryKind;
  postedAt: Date;
  lines: Line[];
  ref: { type: string; id: string } | null;
}

/** A donation's receipt and donor, as the donations module answers it. */
export interface DonationFacts {
  receiptNo: string;
  donorName: string;
  donorKind: DonorKind;
  anonymous: boolean;
}

/** A case as it may appear anywhere: its number and its applicant's public display name. */
export interface CaseFacts {
  caseNo: string;
  displayName: string;
}

export interface StatementInput {
  audience: Audience;
  period: LocalMonth;
  society: { id: string; name: string; timezone: string };
  openingBalanceFen: number;
  /** The month's entries, any order (the statement lists them by seq). */
  entries: LedgerEntry[];
  donations: ReadonlyMap<string, DonationFacts>;
  cases: ReadonlyMap<string, CaseFacts>;
}

export interface DonationLine {
  entrySeq: number;
  postedAt: string;
  /** Internal only: receipts are never public. */
  receiptNo?: string;
  /** Internal: the donor's name; public: the name, or 爱心人士/爱心企业 for an anonymous donor. */
  donorName: string;
  /** Internal only. */
  donorKind?: DonorKind;
  amountFen: number;
  account: AssetAccount;
}

export interface AidLine {
  entrySeq: number;
  postedAt: string;
  caseNo: string;
  /** The public display name, in both audiences: 小范（化名）, 范**, 某未成年人. */
  displayName: string;
  amountFen: number;
  account: AssetAccount;
}

export interface TransferLine {
  entrySeq: number;
  postedAt: string;
  from: AssetAccount;
  to: AssetAccount;
  amountFen: number;
}

export interface StatementTotals {
  donatedFen: number;
  voidedFen: number;
  aidPaidFen: number;
  recoveredFen: number;
  /** donated − voided − aid paid + recovered: closing − opening. */
  netChangeFen: number;
}

export interface Statement {
  period: string;
  societyId: string;
  societyName: string;
  openingBalanceFen: number;
  closingBalanceFen: number;
  donations: DonationLine[];
  /** Voids posted this month, of gifts of any month (the reversing entry is this month's). */
  voids: DonationLine[];
  aid: AidLine[];
  recoveries: AidLine[];
  /** Between cash and bank: net zero. Internal only (nothing for residents in them). */
  transfers?: TransferLine[];
  totals: StatementTotals;
}

/** What an entry moved in bank + cash (positive: money in), and through which asset account. */
function assetMove(e: LedgerEntry): { moveFen: number; account: AssetAccount; from?: AssetAccount } {
  let moveFen = 0;
  let account: AssetAccount | null = null;
  let from: AssetAccount | undefined;
  for (const l of e.lines) {
    if (l.account !== 'bank' && l.account !== 'cash') continue;
    moveFen += l.debitFen - l.creditFen;
    if (l.debitFen > 0 || account === null) account = l.account;
    if (l.creditFen > 0) from = l.account;
  }
  if (account === null) throw new Error(`entry ${e.seq} moves no bank or cash`);
  return { moveFen, account, from };
}

function factsOf<T>(map: ReadonlyMap<string, T>, e: LedgerEntry, type: string): T {
  const facts = e.ref?.type === type ? map.get(e.ref.id) : undefined;
  if (!facts) throw new Error(`entry ${e.seq} (${e.kind}) names no known ${type}`);
  return facts;
}

/** The statement of one month for one audience. */
export function buildStatement(input: StatementInput): Statement {
  const { audience } = input;
  const entries = [...input.entries].sort((a, b) => a.seq - b.seq);
  const s: Statement = {
    period: `${String(input.period.year).padStart(4, '0')}-${String(input.period.month).padStart(2, '0')}`,
    societyId: input.society.id,
    societyName: input.society.name,
    openingBalanceFen: input.openingBalanceFen,
    closingBalanceFen: input.openingBalanceFen,
    donations: [],
    voids: [],
    aid: [],
    recoveries: [],
    ...(audience === 'internal' ? { transfers: [] } : {}),
    totals: { donatedFen: 0, voidedFen: 0, aidPaidFen: 0, recoveredFen: 0, netChangeFen: 0 },
  };
  for (const e of entries) {
    const { moveFen, account, from } = assetMove(e);
    s.closingBalanceFen += moveFen;
    const at = { entrySeq: e.seq, postedAt: e.postedAt.toISOString() };
    const amountFen = Math.abs(moveFen);
    switch (e.kind) {
      case 'donation':
      case 'donation_void': {
        const line = {
          ...at,
          ...donorOf(factsOf(input.donations, e, 'donation'), audience),
          amountFen,
          account,
        };
        (e.kind === 'donation' ? s.donations : s.voids).push(line);
        break;
      }
      case 'aid_payment':
      case 'recovery': {
        const c = factsOf(input.cases, e, 'case');
        const line = { ...at, caseNo: c.caseNo, displayName: c.displayName, amountFen, account };
        (e.kind === 'aid_payment' ? s.aid : s.recoveries).push(line);
        break;
      }
      case 'transfer': {
        const amount = e.lines.reduce((sum, l) => sum + l.debitFen, 0);
        s.transfers?.push({ ...at, from: from ?? account, to: account, amountFen: amount });
        break;
      }
    }
  }
  const sum = (lines: { amountFen: number }[]) => lines.reduce((total, l) => total + l.amountFen, 0);
  const t = s.totals;
  t.donatedFen = sum(s.donations);
  t.voidedFen = sum(s.voids);
  t.aidPaidFen = sum(s.aid);
  t.recoveredFen = sum(s.recoveries);
  t.netChangeFen = t.donatedFen - t.voidedFen - t.aidPaidFen + t.recoveredFen;
  // A statement whose lines do not add up to the ledger's balance must not be issued.
  if (s.openingBalanceFen + t.netChangeFen !== s.closingBalanceFen) {
    throw new Error(`statement ${s.period} does not reconcile: ${JSON.stringify(t)}`);
  }
  return s;
}

function donorOf(
  d: DonationFacts,
  audience: Audience,
): Pick<DonationLine, 'receiptNo' | 'donorName' | 'donorKind'> {
  if (audience === 'public')
    return { donorName: publicDonorName({ kind: d.donorKind, name: d.donorName, anonymous: d.anonymous }) };
  return { receiptNo: d.receiptNo, donorName: d.donorName, donorKind: d.donorKind };
}

// ---- the CSV (one table a spreadsheet sums: a line per entry with the running balance) ----

export const STATEMENT_CSV_HEADER = [
  '凭证号',
  '记账日期',
  '类别',
  '收据/案件编号',
  '捐赠人/受助人',
  '账户',
  '收入（元）',
  '支出（元）',
  '余额（元）',
];

const ACCOUNT_LABELS: Record<AssetAccount, string> = { bank: '银行存款', cash: '库存现金' };

/** One row of the CSV, amounts in fen (the caller writes them as yuan); null: an empty cell. */
export type CsvRow = (string | { fen: number } | null)[];

/** The statement as rows under STATEMENT_CSV_HEADER: opening, every entry by seq, totals, closing. */
export function statementCsvRows(s: Statement, timeZone: string): CsvRow[] {
  const day = (iso: string) => localDay(new Date(iso), timeZone).date;
  const fen = (n: number) => ({ fen: n });
  type Item = { seq: number; row: (balance: number) => CsvRow; moveFen: number };
  const items: Item[] = [
    ...s.donations.map((d) => gift(d, '捐赠收入', d.amountFen)),
    ...s.voids.map((d) => gift(d, '捐赠作废', -d.amountFen)),
    ...s.aid.map((a) => aid(a, '救助支出', -a.amountFen)),
    ...s.recoveries.map((a) => aid(a, '追回款', a.amountFen)),
    ...(s.transfers ?? []).map((x): Item => ({
      seq: x.entrySeq,
      moveFen: 0,
      row: (b) => [
        String(x.entrySeq),
        day(x.postedAt),
        '内部转账',
        null,
        null,
        `${ACCOUNT_LABELS[x.from]}→${ACCOUNT_LABELS[x.to]}`,
        null,
        null,
        fen(b),
      ],
    })),
  ].sort((a, b) => a.seq - b.seq);

  function gift(d: DonationLine, label: string, moveFen: number): Item {
    return {
      seq: d.entrySeq,
      moveFen,
      row: (b) => [
        String(d.entrySeq),
        day(d.postedAt),
        label,
        d.receiptNo ?? null,
        d.donorName,
        ACCOUNT_LABELS[d.account],
        moveFen > 0 ? fen(moveFen) : null,
        moveFen < 0 ? fen(-moveFen) : null,
        fen(b),
      ],
    };
  }
  function aid(a: AidLine, label: string, moveFen: number): Item {
    return {
      seq: a.entrySeq,
      moveFen,
      row: (b) => [
        String(a.entrySeq),
        day(a.postedAt),
        label,
        a.caseNo,
        a.displayName,
        ACCOUNT_LABELS[a.account],
        moveFen > 0 ? fen(moveFen) : null,
        moveFen < 0 ? fen(-moveFen) : null,
        fen(b),
      ],
    };
  }

  let balance = s.openingBalanceFen;
  const rows: CsvRow[] = [[null, null, '期初余额', null, null, null, null, null, fen(balance)]];
  for (const item of items) {
    balance += item.moveFen;
    rows.push(item.row(balance));
  }
  const t = s.totals;
  rows.push([
    null,
    null,
    '本月合计',
    null,
    null,
    null,
    fen(t.donatedFen + t.recoveredFen),
    fen(t.voidedFen + t.aidPaidFen),
    null,
  ]);
  rows.push([null, null, '期末余额', null, null, null, null, null, fen(s.closingBalanceFen)]);
  return rows;
}
