// 年度捐赠证明: every gift of one donor in one year, with the total, on as many pages as needed.
import { type Channel, channelLabel, formatCnDate } from './cn-format';
import { formatFen } from '../common/money/fen';
import { Sheet, SIZE } from './layout';
import { openSheet, type RenderOptions } from './render-options';
import { type Column, drawTable } from './table';

export interface AnnualGift {
  receiptNo: string;
  /** YYYY-MM-DD in the society's time zone. */
  receivedOn: string;
  channel: Channel;
  amountFen: number;
}

export interface AnnualReceiptData {
  societyName: string;
  donorName: string;
  year: number;
  /** Printed in the order given (the caller sorts, normally by receipt number). */
  gifts: AnnualGift[];
  totalFen: number;
  /** YYYY-MM-DD in the society's time zone. */
  issuedOn: string;
  cashierName?: string | null;
}

const COLUMNS: Column[] = [
  { header: '序号', share: 0.1, align: 'center' },
  { header: '收据编号', share: 0.24, align: 'center' },
  { header: '收款日期', share: 0.24, align: 'center' },
  { header: '收款方式', share: 0.16, align: 'center' },
  { header: '金额（元）', share: 0.26, align: 'right' },
];

export function renderAnnualReceipt(data: AnnualReceiptData, options?: RenderOptions): Promise<Buffer> {
  const sum = data.gifts.reduce((total, gift) => total + gift.amountFen, 0);
  // A certificate whose lines do not add up must not be issued.
  if (sum !== data.totalFen) {
    return Promise.reject(new RangeError(`totalFen ${data.totalFen} is not the sum of the gifts (${sum})`));
  }
  const sheet = openSheet(
    { title: `${data.year}年度捐赠证明`, subject: data.societyName, createdOn: data.issuedOn },
    options,
  );
  const issuedOn = formatCnDate(data.issuedOn);
  const count = data.gifts.length;

  sheet.heading(data.societyName, '年度捐赠证明', `（${data.year}年度）`);
  sheet.spread(`捐赠人：${data.donorName}`, `开具日期：${issuedOn}`);
  sheet.gap(4);
  sheet.text(`兹证明${data.donorName}于${data.year}年度向本会捐赠共${count}笔，明细如下：`);
  sheet.gap(6);
  const rows = data.gifts.map((gift, i) => [
    String(i + 1),
    gift.receiptNo,
    formatCnDate(gift.receivedOn),
    channelLabel(gift.channel),
    formatFen(gift.amountFen),
  ]);
  rows.push(['合计', '', '', `${count}笔`, formatFen(data.totalFen)]);
  drawTable(sheet, COLUMNS, rows, { totalRow: true, size: SIZE.table });
  sheet.gap(10);
  sheet.fields(Sheet.amountFields(data.totalFen, '合计'));
  sheet.gap(10);
  const lines = data.cashierName ? [`经办人（出纳）：${data.cashierName}`] : [];
  sheet.signatures('特此证明。衷心感谢您对社区救急难互助事业的长期支持！', [
    ...lines,
    `出具单位：${data.societyName}`,
    `开具日期：${issuedOn}`,
  ]);
  return sheet.finish('本证明依据本会收据存根逐笔汇总，各笔捐赠以对应收据为准；加盖本会印章后有效。');
}
