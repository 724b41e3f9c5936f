// 救助公示: the printable notice of aid already paid (DOMAIN.md "The workflow", step 4), posted on the
// community notice board for the disclosure period, with a QR code to its page for objections.
import { formatFen } from '../common/money/fen';
import { toRmbCapitals } from '../common/money/capitals';
import { formatCnDate } from './cn-format';
import { COLOR, MM, type Paragraph, SIZE } from './layout';
import { qrSymbol } from './qr';
import { openSheet, type RenderOptions } from './render-options';
import { type Column, drawTable, type TableCell } from './table';

export interface DisclosureNoticeItem {
  /** e.g. 2026-0001 */
  caseNo: string;
  /** The public name only: 小范（化名） / 张* / 某未成年人. */
  displayName: string;
  /** e.g. 因病 */
  categoryLabel: string;
  amountFen: number;
  /** YYYY-MM-DD in the society's time zone. */
  approvedOn: string;
  /** YYYY-MM-DD in the society's time zone. */
  paidOn: string;
  vote: { eligible: number; cast: number; approve: number };
}

export interface DisclosureNoticeData {
  societyName: string;
  /** e.g. 2026-001 */
  noticeNo: string;
  /** YYYY-MM-DD */
  publishedOn: string;
  /** YYYY-MM-DD, first day of the disclosure period. */
  periodFrom: string;
  /** YYYY-MM-DD, last day (inclusive). */
  periodTo: string;
  /** Printed in the order given; 1 to 50 items. */
  items: DisclosureNoticeItem[];
  totalFen: number;
  note: string | null;
  /** The society's phone for objections. */
  contactPhone: string | null;
  /** The notice's page: the QR code's target, also printed as text. */
  publicUrl: string;
  /** 12 hex: the first 12 of the snapshot's SHA-256. */
  checkCode: string;
  /** The society's audit chain head at publication (hashPrefix: 12 hex). */
  auditHead: { seq: number; hashPrefix: string };
}

export const MAX_NOTICE_ITEMS = 50;

// Every row is two lines (dates and vote break where a reader expects), so the eight columns fit
// portrait A4 at a legible size.
const TABLE_SIZE = 9.5;
const COLUMNS: Column[] = [
  { header: '序号', share: 0.066, align: 'center' },
  { header: '案件编号', share: 0.121, align: 'center' },
  { header: '受助人', share: 0.157, align: 'center' },
  { header: '救助类别', share: 0.105, align: 'center' },
  // Wide enough for a bold total up to ¥999,999.99 on one line.
  { header: '救助金额（元）', share: 0.143, align: 'right' },
  { header: '批准日期', share: 0.11, align: 'center' },
  { header: '发放日期', share: 0.11, align: 'center' },
  { header: '表决结果', share: 0.188, align: 'center' },
];

// About 32 mm: large enough for a phone held at a notice board, small enough beside the text.
const QR_SIZE = 32 * MM;
// U+3000 is as wide as a Chinese character; ASCII spaces are narrow in Noto Sans SC.
const IDEOGRAPHIC_SPACE = '\u3000';

export async function renderDisclosureNotice(
  data: DisclosureNoticeData,
  options?: RenderOptions,
): Promise<Buffer> {
  checkNotice(data);
  const qr = qrSymbol(data.publicUrl, 'M', 2);
  const sheet = openSheet(
    { title: `救助公示 ${data.noticeNo}`, subject: data.societyName, createdOn: data.publishedOn },
    options,
  );
  const publishedOn = formatCnDate(data.publishedOn);
  const period = `${formatCnDate(data.periodFrom)}至${formatCnDate(data.periodTo)}`;

  sheet.heading(data.societyName, '救急难互助金救助公示');
  sheet.spread(`公示编号：${data.noticeNo}`, `公布日期：${publishedOn}`);
  sheet.gap(6);
  sheet.text(`下列${data.items.length}笔救急难互助金经本会理事会表决通过并已发放，现予公示，接受群众监督。`);
  sheet.gap(6);
  drawTable(sheet, COLUMNS, tableRows(data), { totalRow: true, size: TABLE_SIZE });
  if (data.note) {
    sheet.gap(6);
    sheet.text(`备注：${data.note}`);
  }
  sheet.gap(10);
  // The period and how to object stay together beside the QR code, on one page.
  sheet.besideImage(objectionParagraphs(data, period), {
    qr,
    size: QR_SIZE,
    caption: '扫码查看公示、提出异议',
  });
  sheet.gap(8);
  sheet.ensure(sheet.pen.lineHeight(SIZE.body) + 2 * sheet.pen.lineHeight(SIZE.small));
  const { seq, hashPrefix } = data.auditHead;
  sheet.text(`校验码：${data.checkCode}${IDEOGRAPHIC_SPACE.repeat(2)}审计链：第${seq}条 ${hashPrefix}`, {
    bold: true,
  });
  sheet.text(
    '校验码由本公示的内容算出，审计链标明公布时本会操作记录的位置。请记下这两项，日后可在公示页面核对：公示内容是否被改动，本会记录是否被改写。',
    { size: SIZE.small, color: COLOR.muted },
  );
  sheet.gap(10);
  sheet.signatures('特此公示。', [`公示单位：${data.societyName}`, `公布日期：${publishedOn}`]);
  return sheet.finish(
    '受助人以化名或隐去部分姓名公示，不公布身份证号、住址、联系方式、银行账户和病情等个人信息。本公示由 Huzhu 互助 系统生成。',
  );
}

function tableRows(data: DisclosureNoticeData): TableCell[][] {
  const rows: TableCell[][] = data.items.map((item, i) => [
    String(i + 1),
    item.caseNo,
    item.displayName,
    item.categoryLabel,
    formatFen(item.amountFen),
    twoLineDate(item.approvedOn),
    twoLineDate(item.paidOn),
    voteResult(item.vote),
  ]);
  // Every item's 大写 would not fit its column; the total's spans the columns beside 合计.
  rows.push([
    '合计',
    { text: toRmbCapitals(data.totalFen), span: 3, align: 'left' },
    formatFen(data.totalFen),
    { text: `共${data.items.length}人次`, span: 3, align: 'center' },
  ]);
  return rows;
}

/** 2026年 / 11月29日: a date never breaks inside the month and day. */
function twoLineDate(isoDate: string): string {
  return formatCnDate(isoDate).replace('年', '年\n');
}

/** 9人中8人参加， / 7人同意 (eligible members, ballots cast, approvals). */
function voteResult(vote: DisclosureNoticeItem['vote']): string {
  return `${vote.eligible}人中${vote.cast}人参加，\n${vote.approve}人同意`;
}

function objectionParagraphs(data: DisclosureNoticeData, period: string): Paragraph[] {
  const ways = [
    ...(data.contactPhone ? [`电话：${data.contactPhone}；`] : []),
    '网上：扫描右侧二维码或打开下面的网址，在公示页面提交异议：',
  ];
  return [
    { text: `公示期：${period}`, style: { bold: true, size: SIZE.large } },
    { text: '异议受理', style: { bold: true } },
    { text: '公示期内，对上述救助有异议的，可向本会监事会提出：' },
    ...ways.map((way, i) => ({ text: `${i + 1}. ${way}` })),
    { text: data.publicUrl, style: { size: SIZE.table } },
    { text: '监事会将核实处理并答复；网上提交的，可凭查询码查看处理结果。' },
  ];
}

/** A notice that does not add up or has no items must not be printed. */
function checkNotice(data: DisclosureNoticeData): void {
  const count = data.items.length;
  if (count < 1 || count > MAX_NOTICE_ITEMS) {
    throw new RangeError(`a notice holds 1 to ${MAX_NOTICE_ITEMS} items: ${count}`);
  }
  const sum = data.items.reduce((total, item) => total + item.amountFen, 0);
  if (sum !== data.totalFen) {
    throw new RangeError(`totalFen ${data.totalFen} is not the sum of the items (${sum})`);
  }
  if (data.periodTo < data.periodFrom) {
    throw new RangeError(`the period ends (${data.periodTo}) before it starts (${data.periodFrom})`);
  }
}
