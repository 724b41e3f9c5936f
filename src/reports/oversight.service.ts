import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { CasesService } from '../cases/cases.service';
import { localDay, startOfLocalDay } from '../common/calendar';
import { Clock } from '../common/clock';
import { decodeCursor, limitOf, Page, toPage } from '../common/pagination';
import type { Tx } from '../database/tx';
import { ObjectionsService } from '../disclosures/objections.service';
import { LedgerService } from '../fund/ledger.service';
import { SocietiesService } from '../societies/societies.service';
import { VotesService } from '../votes/votes.service';
import { OversightQueryDto, SocietyOversightDto } from './oversight.dto';

/**
 * The civil-affairs view (API.md "Statements, oversight, audit"): a page of societies by region code,
 * each with its fund, cases, speed and what is overdue or open. Set-based: one statement per module
 * for the whole page (fund totals, cases, votes, objections), never a query per society; the figures
 * come from one REPEATABLE READ snapshot. Time zones differ between societies, so "this year" and
 * "overdue" are bounds computed per society here and handed to SQL as arrays.
 */
@Injectable()
export class OversightService {
  constructor(
    private readonly societies: SocietiesService,
    private readonly ledger: LedgerService,
    private readonly cases: CasesService,
    private readonly votes: VotesService,
    private readonly objections: ObjectionsService,
    private readonly clock: Clock,
  ) {}

  @Transactional<Tx>({ isolationLevel: 'REPEATABLE READ' })
  async list(query: OversightQueryDto): Promise<Page<SocietyOversightDto>> {
    const limit = limitOf(query);
    const after = decodeCursor(query.cursor, ['text', 'uuid']) as [string, string] | null;
    const rows = await this.societies.byRegion(query.regionPrefix ?? null, after, limit + 1);
    const page = rows.slice(0, limit);
    if (!page.length) return { items: [], nextCursor: null };
    const now = this.clock.now();
    const ids = page.map((s) => s.id);
    const funds = byId(
      await this.ledger.overviews(
        page.map((s) => ({ societyId: s.id, since: startOfLocalYear(now, s.timezone) })),
      ),
    );
    const cases = byId(
      await this.cases.overviews(
        page.map((s) => ({
          societyId: s.id,
          timezone: s.timezone,
          disclosureDeadlineDays: s.settings.disclosureDeadlineDays,
        })),
      ),
    );
    const votes = await this.votes.openCounts(ids);
    const objections = await this.objections.openCounts(ids);
    return toPage(
      rows,
      limit,
      (s) => [s.regionCode, s.id],
      (s) => {
        const fund = funds.get(s.id);
        const c = cases.get(s.id);
        return {
          societyId: s.id,
          name: s.name,
          regionCode: s.regionCode,
          balanceFen: fund?.balanceFen ?? 0,
          availableFen: fund?.availableFen ?? 0,
          casesByStatus: c!.casesByStatus,
          aidPaidThisYearFen: fund?.aidPaidSinceFen ?? 0,
          medianHoursFiledToPaid:
            c!.medianHoursFiledToPaid === null ? null : Math.round(c!.medianHoursFiledToPaid * 10) / 10,
          overdueDisclosures: c!.overdueDisclosures,
          openObjections: objections.get(s.id) ?? 0,
          pendingVotes: votes.get(s.id) ?? 0,
        };
      },
    );
  }
}

/** 1 January of the current year in the society's time zone, as an instant. */
function startOfLocalYear(now: Date, timeZone: string): Date {
  return startOfLocalDay(`${localDay(now, timeZone).year}-01-01`, timeZone);
}

function byId<T extends { societyId: string }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.societyId, r]));
}
