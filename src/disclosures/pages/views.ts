// What the residents' pages show, as plain data: the routes build these from the public API's
// answers, the render functions turn them into HTML. Money is integer fen; dates are the society's
// local days, 'YYYY-MM-DD'. Everything here is public already (API.md "Public item"): no field for
// anything personal exists, so none can slip onto a page.

export interface PageSociety {
  id: string;
  name: string;
  /** The society's own public contact number (not a person's), or null. */
  contactPhone: string | null;
}

/** A point of the society's audit hash chain: its sequence number and the first 12 hex of its hash. */
export interface AuditHeadView {
  seq: number;
  hashPrefix: string;
}

/** A notice as listed on the board. */
export interface NoticeSummaryView {
  id: string;
  noticeNo: string;
  publishedOn: string;
  periodFrom: string;
  periodTo: string;
  itemCount: number;
  totalFen: number;
}

export interface BoardPageView {
  society: PageSociety;
  /** The day the totals and the audit head were read. */
  asOf: string;
  fund: {
    balanceFen: number;
    donatedThisYearFen: number;
    aidPaidThisYearFen: number;
    aidedThisYear: number;
  };
  activeNotices: readonly NoticeSummaryView[];
  /** The latest ended notices (a few), listed below the active ones; omit or [] for none. */
  endedNotices?: readonly NoticeSummaryView[];
  auditHead: AuditHeadView;
}

export type NoticeStatus = 'active' | 'ended' | 'withdrawn';

export interface NoticeItemView {
  caseNo: string;
  /** Pseudonym with （化名）, masked name, or 某未成年人: as published. */
  displayName: string;
  categoryLabel: string;
  amountFen: number;
  approvedOn: string;
  paidOn: string;
  vote: { eligible: number; cast: number; approve: number };
}

export interface NoticePageView {
  society: PageSociety;
  notice: {
    id: string;
    noticeNo: string;
    status: NoticeStatus;
    publishedOn: string;
    periodFrom: string;
    periodTo: string;
    note: string | null;
    items: readonly NoticeItemView[];
    totalFen: number;
    /** The first 12 hex of the snapshot's SHA-256, as printed on the paper notice. */
    checkCode: string;
    /** The audit chain's head when the notice was published. */
    auditHead: AuditHeadView;
    /** The printable notice (a path or an http(s) URL); null when there is none (withdrawn). */
    pdfUrl: string | null;
  };
  /** The objection form shown again after a refused submission (400): what was typed, and why. */
  form?: ObjectionFormView;
}

export const OBJECTION_FIELDS = ['content', 'caseNo', 'contactName', 'contactPhone'] as const;
export type ObjectionField = (typeof OBJECTION_FIELDS)[number];

export interface ObjectionFormView {
  values?: Partial<Record<ObjectionField, string>>;
  /** Messages by field, as in a VALIDATION_FAILED answer's details; other keys are listed at the top. */
  errors?: Readonly<Record<string, readonly string[]>>;
}

export interface ObjectionReceivedPageView {
  society: { id: string; name: string };
  notice: { id: string; noticeNo: string };
  trackingCode: string;
}

export type ObjectionStatus = 'open' | 'dismissed' | 'upheld';

export interface ObjectionStatusPageView {
  trackingCode: string;
  status: ObjectionStatus;
  /** The supervisor's answer once resolved. */
  response: string | null;
  createdOn: string;
  resolvedOn: string | null;
  /** When known, for the header and a link back to the notice. */
  society?: { id: string; name: string };
  notice?: { id: string; noticeNo: string };
}
