import { Injectable } from '@nestjs/common';
import { CasesService } from '../cases/cases.service';
import {
  addDays,
  compareMonths,
  type LocalMonth,
  localDay,
  localMonthRange,
  monthKey,
} from '../common/calendar';
import { Clock } from '../common/clock';
import { fieldError } from '../common/errors/validation';
import { CSV_BOM, csvLine } from '../common/http/csv';
import { fenToYuanString } from '../common/money/fen';
import { DocumentsService } from '../documents/documents.service';
import type { StatementAidRow, StatementGiftRow } from '../documents/statement';
import { DonationsService } from '../donors/donations.service';
import { LedgerService } from '../fund/ledger.service';
import { SocietiesService } from '../societies/societies.service';
import {
  type AidLine,
  type Audience,
  buildStatement,
  type DonationLine,
  type LedgerEntry,
  type Statement,
  STATEMENT_CSV_HEADER,
  statementCsvRows,
} from './domain/statement';

/** A rendered file and the name to save it under. */
export interface StatementFile {
  body: Buffer;
  filename: string;
}

/**
 * Monthly statements: read-only use cases over the ledger (one snapshot: the opening balance and the
 * month's entries), with each line's donation (receipt, donor) and case (number, public name) read
 * through their modules. The month is the society's; a month after the current one is refused.
 */
@Injectable()
export class StatementsService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly donations: DonationsService,
    private readonly cases: CasesService,
    private readonly societies: SocietiesService,
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
  ) {}

  async statement(societyId: string, period: LocalMonth, audience: Audience): Promise<Statement> {
    return (await this.build(societyId, period, audience)).statement;
  }

  async pdf(societyId: string, period: LocalMonth, audience: Audience): Promise<StatementFile> {
    const { statement, timezone } = await this.build(societyId, period, audience);
    const day = (iso: string) => localDay(new Date(iso), timezone).date;
    const gift = (d: DonationLine): StatementGiftRow => ({
      entrySeq: d.entrySeq,
      postedOn: day(d.postedAt),
      receiptNo: d.receiptNo ?? null,
      donorName: d.donorName,
      amountFen: d.amountFen,
    });
    const aid = (a: AidLine): StatementAidRow => ({
      entrySeq: a.entrySeq,
      postedOn: day(a.postedAt),
      caseNo: a.caseNo,
      displayName: a.displayName,
      amountFen: a.amountFen,
    });
    const from = `${monthKey(period)}-01`;
    const next = localMonthRange(period, timezone).to;
    const body = await this.documents.statement({
      audience,
      societyName: statement.societyName,
      year: period.year,
      month: period.month,
      from,
      to: addDays(localDay(next, timezone).date, -1),
      issuedOn: localDay(this.clock.now(), timezone).date,
      openingBalanceFen: statement.openingBalanceFen,
      closingBalanceFen: statement.closingBalanceFen,
      donations: statement.donations.map(gift),
      voids: statement.voids.map(gift),
      aid: statement.aid.map(aid),
      recoveries: statement.recoveries.map(aid),
      totals: statement.totals,
    });
    return { body, filename: filenameOf(period, audience, 'pdf') };
  }

  /** The internal statement as one CSV table (UTF-8 with BOM, CRLF), amounts in yuan. */
  async csv(societyId: string, period: LocalMonth): Promise<StatementFile> {
    const { statement, timezone } = await this.build(societyId, period, 'internal');
    const rows = statementCsvRows(statement, timezone).map((row) =>
      row.map((cell) => (cell !== null && typeof cell === 'object' ? fenToYuanString(cell.fen) : cell)),
    );
    const text = CSV_BOM + [STATEMENT_CSV_HEADER, ...rows].map(csvLine).join('');
    return { body: Buffer.from(text, 'utf8'), filename: filenameOf(period, 'internal', 'csv') };
  }

  private async build(
    societyId: string,
    period: LocalMonth,
    audience: Audience,
  ): Promise<{ statement: Statement; timezone: string }> {
    const society = await this.societies.find(societyId);
    const { timezone } = society;
    if (compareMonths(period, localDay(this.clock.now(), timezone)) > 0) {
      throw fieldError('period', '不能查询尚未到来的月份', 'period must not be after the current month');
    }
    const { from, to } = localMonthRange(period, timezone);
    const { openingFen, entries } = await this.ledger.activity(societyId, from, to);
    const donations = await this.donations.onStatement(societyId, refIds(entries, 'donation'));
    const cases = await this.cases.publicNames(societyId, refIds(entries, 'case'));
    const statement = buildStatement({
      audience,
      period,
      society: { id: society.id, name: society.name, timezone },
      openingBalanceFen: openingFen,
      entries,
      donations,
      cases,
    });
    return { statement, timezone };
  }
}

function refIds(entries: LedgerEntry[], type: string): string[] {
  return [...new Set(entries.flatMap((e) => (e.ref?.type === type ? [e.ref.id] : [])))];
}

function filenameOf(period: LocalMonth, audience: Audience, ext: 'pdf' | 'csv'): string {
  return `statement-${monthKey(period)}${audience === 'public' ? '-public' : ''}.${ext}`;
}
