// 互助金收支月报: one month of the fund (DOMAIN.md: monthly reporting to the township), the internal
// copy with donors' real names and receipt numbers, or the public one posted for residents.
import { formatFen } from '../common/money/fen';
import { toRmbCapitals } from '../common/money/capitals';
import { formatCnDate } from './cn-format';
import { SIZE } from './layout';
import { openSheet, type RenderOptions } from './render-options';
import { type Column, drawTable, type TableCell } from './table';

export interface StatementGiftRow {
  entrySeq: number;
  /** YYYY-MM-DD in the society's time zone. */
  postedOn: string;
  /** Internal copy only; the public copy prints none. */
  receiptNo?: string | null;
  /** Already the name for this copy (爱心人士/爱心企业 in public for anonymous donors). */
  donorName: string;
  amountFen: number;
}

export interface StatementAidRow {
  entrySeq: number;
  /** YYYY-MM-DD in the society's time zone. */
  postedOn: string;
  caseNo: string;
  /** The public display name only: 小范（化名） / 张* / 某未成年人. */
  displayName: string;
  amountFen: number;
}

export interface StatementDocData {
  audience: 'internal' | 'public';
  societyName: string;
  year: number;
  month: number;
  /** YYYY-MM-DD: the month's first and last days. */
  from: string;
  to: string;
  /** YYYY-MM-DD in the society's time zone. */
  issuedOn: string;
  openingBalanceFen: number;
  closingBalanceFen: number;
  donations: StatementGiftRow[];
  voids: StatementGiftRow[];
  aid: StatementAidRow[];
  recoveries: StatementAidRow[];
  totals: {
    donatedFen: number;
    voidedFen: number;
    aidPaidFen: number;
    recoveredFen: number;
    netChangeFen: number;
  };
}

const TABLE_SIZE = 9.5;

function giftColumns(internal: boolean): Column[] {
  return internal
    ? [
        { header: '序号', share: 0.08, align: 'center' },
        { header: '凭证号', share: 0.1, align: 'center' },
        { header: '日期', share: 0.16, align: 'center' },
        { header: '收据编号', share: 0.18, align: 'center' },
        { header: '捐赠人', share: 0.28, align: 'center' },
        { header: '金额（元）', share: 0.2, align: 'right' },
      ]
    : [
        { header: '序号', share: 0.08, align: 'center' },
        { header: '凭证号', share: 0.1, align: 'center' },
        { header: '日期', share: 0.2, align: 'center' },
        { header: '捐赠人', share: 0.38, align: 'center' },
        { header: '金额（元）', share: 0.24, align: 'right' },
      ];
}

const AID_COLUMNS: Column[] = [
  { header: '序号', share: 0.08, align: 'center' },
  { header: '凭证号', share: 0.1, align: 'center' },
  { header: '日期', share: 0.18, align: 'center' },
  { header: '案件编号', share: 0.16, align: 'center' },
  { header: '受助人', share: 0.26, align: 'center' },
  { header: '金额（元）', share: 0.22, align: 'right' },
];

export function renderStatement(data: StatementDocData, options?: RenderOptions): Promise<Buffer> {
  const t = data.totals;
  // A statement whose figures do not add up must not be issued.
  if (data.openingBalanceFen + t.netChangeFen !== data.closingBalanceFen) {
    return Promise.reject(new RangeError('closing balance is not opening + net change'));
  }
  const internal = data.audience === 'internal';
  const monthLabel = `${data.year}年${data.month}月`;
  const sheet = openSheet(
    { title: `${monthLabel}收支月报`, subject: data.societyName, createdOn: data.issuedOn },
    options,
  );
  sheet.heading(
    data.societyName,
    '互助金收支月报',
    internal ? `（${monthLabel}）` : `（${monthLabel}·公开版）`,
  );
  sheet.spread(
    `报告期：${formatCnDate(data.from)}至${formatCnDate(data.to)}`,
    `编制日期：${formatCnDate(data.issuedOn)}`,
  );
  sheet.gap(6);

  const sections: [string, () => void][] = [
    ['一、捐赠收入', () => giftTable(data.donations, internal)],
    ['二、捐赠作废（冲销）', () => giftTable(data.voids, internal)],
    ['三、救助支出', () => aidTable(data.aid)],
    ['四、追回款', () => aidTable(data.recoveries)],
  ];
  const lists = [data.donations, data.voids, data.aid, data.recoveries];
  sections.forEach(([title, draw], i) => {
    sheet.ensure(4 * sheet.pen.lineHeight(SIZE.body));
    sheet.text(title, { bold: true, size: SIZE.large });
    sheet.gap(4);
    if (lists[i].length === 0) sheet.text('本月无。');
    else draw();
    sheet.gap(8);
  });

  sheet.ensure(12 * sheet.pen.lineHeight(SIZE.body));
  sheet.text('五、本月汇总', { bold: true, size: SIZE.large });
  sheet.gap(4);
  sheet.fields([
    { label: '期初余额', value: formatFen(data.openingBalanceFen) },
    { label: '本月捐赠收入', value: formatFen(t.donatedFen) },
    { label: '减：捐赠作废', value: formatFen(t.voidedFen) },
    { label: '减：救助支出', value: formatFen(t.aidPaidFen) },
    { label: '加：追回款', value: formatFen(t.recoveredFen) },
    { label: '本月净变动', value: formatFen(t.netChangeFen) },
    { label: '期末余额（大写）', value: toRmbCapitals(data.closingBalanceFen), bold: true, size: SIZE.large },
    { label: '期末余额（小写）', value: formatFen(data.closingBalanceFen), bold: true, size: SIZE.large },
  ]);
  sheet.gap(10);
  const closing = internal
    ? '以上收支均已逐笔记账，期末余额与银行存款、库存现金合计相符。'
    : '特此公布，接受群众监督。如有疑问，请与本会联系。';
  const lines = internal
    ? ['编制人（出纳）：', '审核人（监事）：', `编制单位：${data.societyName}`]
    : [`公布单位：${data.societyName}`, `公布日期：${formatCnDate(data.issuedOn)}`];
  sheet.signatures(closing, lines);
  return sheet.finish(
    internal
      ? '期末余额 = 期初余额 + 捐赠收入 − 捐赠作废 − 救助支出 + 追回款；现金与银行之间的转账不影响余额，未列出。内部资料，含捐赠人真实姓名，请妥善保管。'
      : '未同意公开姓名的捐赠人以“爱心人士”“爱心企业”代称；受助人以化名或隐去部分姓名列示，不公布身份证号、住址、联系方式和病情等个人信息。本报表由 Huzhu 互助 系统生成。',
  );

  function giftTable(rows: StatementGiftRow[], withReceipt: boolean): void {
    const total = rows.reduce((sum, r) => sum + r.amountFen, 0);
    const cells: TableCell[][] = rows.map((r, i) => [
      String(i + 1),
      String(r.entrySeq),
      monthDay(r.postedOn),
      ...(withReceipt ? [r.receiptNo ?? ''] : []),
      r.donorName,
      formatFen(r.amountFen),
    ]);
    cells.push(totalRow(total, withReceipt ? 5 : 4));
    drawTable(sheet, giftColumns(withReceipt), cells, { totalRow: true, size: TABLE_SIZE });
  }

  function aidTable(rows: StatementAidRow[]): void {
    const total = rows.reduce((sum, r) => sum + r.amountFen, 0);
    const cells: TableCell[][] = rows.map((r, i) => [
      String(i + 1),
      String(r.entrySeq),
      monthDay(r.postedOn),
      r.caseNo,
      r.displayName,
      formatFen(r.amountFen),
    ]);
    cells.push(totalRow(total, 5));
    drawTable(sheet, AID_COLUMNS, cells, { totalRow: true, size: TABLE_SIZE });
  }
}

/** '2026-11-05' → '11月5日': the year is the statement's, printed once in its heading. */
function monthDay(isoDate: string): string {
  return formatCnDate(isoDate).replace(/^\d+年/, '');
}

/** 合计 with its 大写 across the label columns, the figure under the amounts. */
function totalRow(totalFen: number, labelSpan: number): TableCell[] {
  return [{ text: `合计：${toRmbCapitals(totalFen)}`, span: labelSpan, align: 'left' }, formatFen(totalFen)];
}
