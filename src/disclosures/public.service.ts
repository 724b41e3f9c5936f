import { Injectable } from '@nestjs/common';
import { AuditService, ChainPoint } from '../audit/audit.service';
import { localDay, startOfLocalDay } from '../common/calendar';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { decodeCursor, limitOf, Page, toPage } from '../common/pagination';
import { LedgerService } from '../fund/ledger.service';
import type { CachedPdf } from '../common/http/pdf';
import { DocumentsService } from '../documents/documents.service';
import type { DisclosureNoticeData } from '../documents/disclosure-notice';
import { SocietiesService } from '../societies/societies.service';
import { VersionedCache } from '../common/versioned-cache';
import type { DisclosureRecord } from './disclosures.repository';
import { DisclosuresService } from './disclosures.service';
import { CHECK_CODE_LENGTH, checkCode } from './domain/snapshot';
import { PublicDisclosureDto, PublicDisclosureQueryDto, PublicSocietyDto } from './dto/public.dto';

/** The board's reads (PublicService.board). */
export interface PublicBoard {
  society: PublicSocietyDto;
  timezone: string;
  active: PublicDisclosureDto[];
  ended: PublicDisclosureDto[];
  auditHead: ChainPoint;
}

/** What the public page tells of a society (as SocietiesService.find answers it). */
type PublicSocietyFacts = Pick<PublicSocietyDto, 'id' | 'name' | 'regionCode' | 'contactPhone'> & {
  timezone: string;
};

/** Active notices read per statement for the board. */
const BOARD_BATCH = 200;

/** Public list pages kept per process (each a page of notices as answered, tens of KiB). */
const LIST_CACHE_ENTRIES = 256;

/** Printed notices whose text, ETag and file name are kept per process (a few KiB each). */
const PRINTED_CACHE_ENTRIES = 2000;
/** The version of what a notice prints: its snapshot, frozen at publication, never changes. */
const FROZEN = 'frozen';

/** What a notice's PDF prints and is served as, all fixed at publication. */
interface PrintedNotice {
  /** The render cache's key: a hash of what is printed (the ETag is it, quoted). */
  key: string;
  filename: string;
  data: DisclosureNoticeData;
}

/**
 * What anyone may read without signing in (API.md "Public"): a society's board and fund totals, its
 * notices as published (from their snapshots), and its audit chain's hashes. Nothing personal: the
 * items are the snapshot's, built by the one allow-list (domain/public-item.ts).
 */
@Injectable()
export class PublicService {
  constructor(
    private readonly disclosures: DisclosuresService,
    private readonly societies: SocietiesService,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
  ) {}

  private readonly lists = new VersionedCache<Page<PublicDisclosureDto>>(LIST_CACHE_ENTRIES);
  private readonly printed = new VersionedCache<PrintedNotice>(PRINTED_CACHE_ENTRIES);

  /**
   * What a cached public answer of the society is valid for: the seq of its audit head, since every
   * change to what is public (a notice published, withdrawn or ended, money moved, the society edited)
   * records one event in the same transaction. 404 for no such society. One statement when the
   * society has events.
   */
  async version(societyId: string): Promise<number> {
    const { seq } = await this.audit.head(societyId);
    if (seq === 0) await this.societies.find(societyId); // no event yet: is there such a society?
    return seq;
  }

  /** The society with its fund now and this society-local calendar year's totals. */
  async society(societyId: string): Promise<PublicSocietyDto> {
    return this.societyOf(await this.societies.find(societyId));
  }

  /**
   * What the residents' board shows, with one look-up of the society (a 404 when there is none): the
   * society and its fund, every active notice, the `endedShown` latest ended ones, the audit head now.
   */
  async board(societyId: string, endedShown: number): Promise<PublicBoard> {
    const found = await this.societies.find(societyId);
    const active: DisclosureRecord[] = [];
    for (let after: [string, string] | null = null; ;) {
      const rows = await this.disclosures.page(societyId, 'active', after, BOARD_BATCH);
      active.push(...rows);
      if (rows.length < BOARD_BATCH) break;
      const last = rows[rows.length - 1];
      after = [last.publishedAt.toISOString(), last.id];
    }
    return {
      society: await this.societyOf(found),
      timezone: found.timezone,
      active: active.map((d) => this.toDto(d)),
      ended: (await this.disclosures.page(societyId, 'ended', null, endedShown)).map((d) => this.toDto(d)),
      auditHead: await this.audit.head(societyId),
    };
  }

  private async societyOf(society: PublicSocietyFacts): Promise<PublicSocietyDto> {
    const societyId = society.id;
    const { year } = localDay(this.clock.now(), society.timezone);
    const [summary, totals] = [
      await this.ledger.summary(societyId),
      await this.ledger.totalsBetween(
        societyId,
        startOfLocalDay(`${year}-01-01`, society.timezone),
        startOfLocalDay(`${year + 1}-01-01`, society.timezone),
      ),
    ];
    return {
      id: society.id,
      name: society.name,
      regionCode: society.regionCode,
      contactPhone: society.contactPhone,
      fund: {
        balanceFen: summary.balanceFen,
        donatedThisYearFen: totals.donatedFen,
        aidPaidThisYearFen: totals.aidPaidFen,
        recoveredThisYearFen: totals.recoveredFen,
        aidedThisYear: totals.casesPaid,
      },
    };
  }

  /** The society's active (default) or ended notices, newest first; never the withdrawn ones. */
  // Cached per page while the society's audit head stays (version): a QR-code rush costs one
  // primary-key read per request instead of the notices' snapshots read, parsed and mapped again.
  async list(societyId: string, query: PublicDisclosureQueryDto): Promise<Page<PublicDisclosureDto>> {
    const version = await this.version(societyId); // 404 for no such society
    const limit = limitOf(query);
    const status = query.status ?? 'active';
    const after = decodeCursor(query.cursor, ['time', 'uuid']) as [string, string] | null;
    const key = `${societyId}|${status}|${limit}|${query.cursor ?? ''}`;
    return this.lists.get(key, String(version), async () => {
      const rows = await this.disclosures.page(societyId, status, after, limit + 1);
      return toPage(
        rows,
        limit,
        (d) => [d.publishedAt.toISOString(), d.id],
        (d) => this.toDto(d),
      );
    });
  }

  async disclosure(disclosureId: string): Promise<PublicDisclosureDto> {
    return this.toDto(await this.disclosures.findPublic(disclosureId));
  }

  /**
   * The printable notice (A4 PDF) of a published or ended notice, from its frozen snapshot: its ETag
   * is known without rendering, and the render is cached (DocumentsService). A withdrawn notice has
   * none: 404. What it prints never changes, so only its status is read on every fetch (one
   * single-column read; a QR code on the board is scanned again and again), the snapshot only the
   * first time in this process.
   */
  async notice(disclosureId: string): Promise<CachedPdf> {
    const status = await this.disclosures.publicStatus(disclosureId);
    if (status === null || status === 'withdrawn')
      throw new AppError('NOT_FOUND', { entity: 'disclosure', disclosureId });
    const { key, filename, data } = await this.printed.get(disclosureId, FROZEN, async () => {
      const d = await this.disclosures.findPublic(disclosureId);
      const printed = this.noticeData(d);
      return {
        key: this.documents.disclosureNoticeKey(printed),
        filename: `notice-${d.noticeNo}.pdf`,
        data: printed,
      };
    });
    return { etag: `"${key}"`, filename, render: () => this.documents.disclosureNotice(data, key) };
  }

  /** The head of the society's audit chain now (seq 0 and the genesis hash before any event). */
  async auditHead(societyId: string): Promise<ChainPoint> {
    await this.societies.find(societyId);
    return this.audit.head(societyId);
  }

  /** Event `seq` of the society's chain, hashes only; 404 beyond the head. */
  async auditPoint(societyId: string, seq: number): Promise<ChainPoint> {
    await this.societies.find(societyId);
    const point = await this.audit.pointAt(societyId, seq);
    if (!point) throw new AppError('NOT_FOUND', { entity: 'audit event', seq });
    return point;
  }

  /** What the paper notice prints: the snapshot as published, with the page's address for the QR code. */
  private noticeData(d: DisclosureRecord): DisclosureNoticeData {
    const s = d.snapshot;
    return {
      societyName: s.societyName,
      noticeNo: s.noticeNo,
      publishedOn: s.publishedOn,
      periodFrom: s.periodFrom,
      periodTo: s.periodTo,
      items: s.items.map((i) => ({
        caseNo: i.caseNo,
        displayName: i.displayName,
        categoryLabel: i.categoryLabel,
        amountFen: i.amountFen,
        approvedOn: i.approvedOn,
        paidOn: i.paidOn,
        vote: { eligible: i.vote.eligible, cast: i.vote.cast, approve: i.vote.approve },
      })),
      totalFen: s.totalFen,
      note: s.note,
      contactPhone: s.contactPhone,
      publicUrl: this.disclosures.publicUrl(d.id),
      checkCode: checkCode(d.snapshotSha256),
      auditHead: { seq: s.auditHead.seq, hashPrefix: s.auditHead.hash.slice(0, CHECK_CODE_LENGTH) },
    };
  }

  private toDto(d: DisclosureRecord): PublicDisclosureDto {
    const content = this.disclosures.contentOf(d);
    const base = {
      societyId: d.societyId,
      societyName: d.snapshot.societyName,
      withdrawnAt: d.withdrawnAt?.toISOString() ?? null,
    };
    // Withdrawn: nothing of what it said stays public.
    if (d.status === 'withdrawn')
      return { ...content, ...base, items: [], totalFen: 0, note: null, pdfUrl: null };
    return { ...content, ...base, pdfUrl: this.disclosures.pdfUrl(d.id) };
  }
}
