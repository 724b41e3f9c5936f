import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { localDay } from '../common/calendar';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { validateBody } from '../common/http/validation-pipe';
import { VersionedCache } from '../common/versioned-cache';
import { SocietiesService } from '../societies/societies.service';
import { CHECK_CODE_LENGTH } from './domain/snapshot';
import { groupTrackingCode } from './domain/tracking-code';
import { SubmitObjectionDto } from './dto/objection.dto';
import type { PublicDisclosureDto } from './dto/public.dto';
import { ObjectionsService } from './objections.service';
import { renderBoardPage } from './pages/board-page';
import { PageCaching } from './pages/headers';
import { renderNoticePage } from './pages/notice-page';
import { objectionFromForm, typedValues } from './pages/objection-form';
import { renderObjectionReceivedPage, renderObjectionStatusPage } from './pages/objection-pages';
import type { AuditHeadView, NoticePageView, NoticeSummaryView } from './pages/views';
import { PublicService } from './public.service';

/** A page as the route sends it: its status, how long it may be kept, the HTML. */
export interface RenderedPage {
  status: number;
  caching: PageCaching;
  html: string;
  /** Names the page's content (the board): `If-None-Match` with it answers 304. */
  etag?: string;
}

/** Boards kept per process (each its HTML, a few KiB to a few hundred for the busiest society). */
const BOARD_CACHE_ENTRIES = 256;

/** Ended notices listed on the board below the active ones, newest first. */
export const ENDED_ON_BOARD = 5;

/**
 * The residents' pages (/p/…): the public API's answers (PublicService, ObjectionsService) turned
 * into the pages' views and rendered (pages/). Nothing is read here that the public API does not
 * answer, bar the society's time zone and phone for the dates and the contact line.
 */
@Injectable()
export class PagesService {
  constructor(
    private readonly publicReads: PublicService,
    private readonly objections: ObjectionsService,
    private readonly societies: SocietiesService,
    private readonly clock: Clock,
  ) {}

  private readonly boards = new VersionedCache<RenderedPage>(BOARD_CACHE_ENTRIES);

  /**
   * The board: the fund's totals, every active notice, the latest ended ones, the audit head today.
   * Rendered once per version — the society's audit head (PublicService.version) and its local day
   * (the date shown, the year's totals) — and kept: a QR-code rush then costs two primary-key reads
   * per request. Its ETag names that version.
   */
  async board(societyId: string): Promise<RenderedPage> {
    const { timezone } = await this.societies.find(societyId); // 404 for no such society
    const day = localDay(this.clock.now(), timezone).date;
    const version = `${await this.publicReads.version(societyId)}@${day}`;
    return this.boards.get(societyId, version, async () => {
      const page = await this.renderBoard(societyId);
      const etag = `"${createHash('sha256').update(page.html).digest('base64url').slice(0, 27)}"`;
      return { ...page, etag };
    });
  }

  private async renderBoard(societyId: string): Promise<RenderedPage> {
    const { society, timezone, active, ended, auditHead } = await this.publicReads.board(
      societyId,
      ENDED_ON_BOARD,
    );
    const html = renderBoardPage({
      society: { id: society.id, name: society.name, contactPhone: society.contactPhone },
      asOf: localDay(this.clock.now(), timezone).date,
      fund: society.fund,
      activeNotices: active.map(summary),
      endedNotices: ended.map(summary),
      auditHead: headView(auditHead),
    });
    return { status: 200, caching: 'short', html };
  }

  /** One notice: active with the objection form, ended without, withdrawn with nothing of its content. */
  async notice(disclosureId: string): Promise<RenderedPage> {
    return { status: 200, caching: 'short', html: renderNoticePage(await this.noticeView(disclosureId)) };
  }

  /**
   * A posted objection form, through the same use case as the JSON route (ObjectionsService.submit).
   * Accepted: the tracking code (201). Refused for what was typed (400): the notice again, its form
   * holding what was typed and the messages; other refusals (404, 409) are thrown to the error page.
   */
  async submitObjection(disclosureId: string, fields: Record<string, string>): Promise<RenderedPage> {
    let trackingCode: string;
    try {
      const dto = await validateBody(SubmitObjectionDto, objectionFromForm(fields));
      ({ trackingCode } = await this.objections.submit(disclosureId, dto));
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') throw err;
      return this.refused(disclosureId, fields, err);
    }
    const d = await this.publicReads.disclosure(disclosureId);
    const html = renderObjectionReceivedPage({
      society: { id: d.societyId, name: d.societyName },
      notice: { id: d.id, noticeNo: d.noticeNo },
      trackingCode,
    });
    return { status: 201, caching: 'no-store', html };
  }

  /** Where an objection stands (its code already normalised), with the notice it was made on. */
  async objectionStatus(code: string): Promise<RenderedPage> {
    const { objection: o, disclosureId } = await this.objections.trackOnNotice(code);
    const d = await this.publicReads.disclosure(disclosureId);
    const { timezone } = await this.societies.find(d.societyId);
    const day = (instant: string) => localDay(new Date(instant), timezone).date;
    const html = renderObjectionStatusPage({
      trackingCode: groupTrackingCode(code),
      status: o.status,
      response: o.response,
      createdOn: day(o.createdAt),
      resolvedOn: o.resolvedAt === null ? null : day(o.resolvedAt),
      society: { id: d.societyId, name: d.societyName },
      notice: { id: d.id, noticeNo: d.noticeNo },
    });
    return { status: 200, caching: 'no-store', html };
  }

  /** The notice page again after a refused form; a notice that no longer shows the form is a 409. */
  private async refused(
    disclosureId: string,
    fields: Record<string, string>,
    error: AppError,
  ): Promise<RenderedPage> {
    const view = await this.noticeView(disclosureId);
    if (view.notice.status !== 'active')
      throw new AppError('DISCLOSURE_NOT_ACTIVE', { status: view.notice.status });
    const errors = (error.detailsIn('zh') ?? {}) as Record<string, string[]>;
    const html = renderNoticePage({ ...view, form: { values: typedValues(fields), errors } });
    return { status: 400, caching: 'no-store', html };
  }

  private async noticeView(disclosureId: string): Promise<NoticePageView> {
    const d = await this.publicReads.disclosure(disclosureId); // 404 for no such notice
    const { contactPhone } = await this.societies.find(d.societyId);
    return {
      society: { id: d.societyId, name: d.societyName, contactPhone },
      notice: {
        id: d.id,
        noticeNo: d.noticeNo,
        status: d.status,
        publishedOn: d.periodFrom, // the period starts on the day of publication (domain/period.ts)
        periodFrom: d.periodFrom,
        periodTo: d.periodTo,
        note: d.note,
        items: d.items,
        totalFen: d.totalFen,
        checkCode: d.checkCode,
        auditHead: headView(d.auditHead),
        pdfUrl: d.pdfUrl === null ? null : sitePath(d.pdfUrl),
      },
    };
  }
}

function summary(d: PublicDisclosureDto): NoticeSummaryView {
  return {
    id: d.id,
    noticeNo: d.noticeNo,
    publishedOn: d.periodFrom,
    periodFrom: d.periodFrom,
    periodTo: d.periodTo,
    itemCount: d.items.length,
    totalFen: d.totalFen,
  };
}

function headView(head: { seq: number; hash: string }): AuditHeadView {
  return { seq: head.seq, hashPrefix: head.hash.slice(0, CHECK_CODE_LENGTH) };
}

/**
 * A link of ours as a path on this site: the page works under whatever address it was opened at,
 * whatever PUBLIC_BASE_URL (which the printed QR code uses) says.
 */
function sitePath(url: string): string {
  const { pathname, search } = new URL(url);
  return pathname + search;
}
