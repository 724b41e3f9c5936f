// 捐赠收据: the receipt a cashier hands a donor for one donation.
import { type Channel, channelLabel, formatCnDate } from './cn-format';
import { COLOR, type Field, Sheet, SIZE } from './layout';
import { openSheet, type RenderOptions } from './render-options';

export interface DonationReceiptData {
  societyName: string;
  /** e.g. 2026-000001 */
  receiptNo: string;
  donorName: string;
  /** Chinese label, e.g. 个人 / 企业, or 爱心人士 for an anonymous donor. */
  donorKind: string;
  amountFen: number;
  /** YYYY-MM-DD in the society's time zone. */
  receivedOn: string;
  channel: Channel;
  reference?: string | null;
  /** e.g. 救急难互助金 */
  purpose: string;
  note?: string | null;
  cashierName: string;
  /** YYYY-MM-DD in the society's time zone. */
  issuedOn: string;
  voided?: { on: string; reason: string } | null;
}

export function renderDonationReceipt(data: DonationReceiptData, options?: RenderOptions): Promise<Buffer> {
  const sheet = openSheet(
    { title: `捐赠收据 ${data.receiptNo}`, subject: data.societyName, createdOn: data.issuedOn },
    options,
  );
  const issuedOn = formatCnDate(data.issuedOn);

  sheet.heading(data.societyName, '捐赠收据');
  if (data.voided) {
    sheet.text('本收据已作废', { bold: true, color: COLOR.red, size: SIZE.large });
    const { on, reason } = data.voided;
    sheet.text(`作废日期：${formatCnDate(on)}；作废原因：${reason}`, { color: COLOR.red });
    sheet.gap(6);
  }
  sheet.spread(`收据编号：${data.receiptNo}`, `开具日期：${issuedOn}`);
  sheet.gap(4);
  sheet.fields(receiptFields(data));
  sheet.gap(10);
  sheet.signatures('感谢您对社区救急难互助事业的爱心支持！本会将按章程专款专用，并定期公示资金收支情况。', [
    `经办人（出纳）：${data.cashierName}`,
    `收款单位：${data.societyName}`,
    `开具日期：${issuedOn}`,
  ]);
  if (data.voided) sheet.stamp('已作废');
  return sheet.finish(
    '本收据由 Huzhu 互助 系统开具，编号按年度连续、不重不漏；加盖本会印章后有效，请妥善保管。',
  );
}

function receiptFields(data: DonationReceiptData): Field[] {
  const rows: Field[] = [
    { label: '捐赠人', value: data.donorName, bold: true, size: SIZE.large },
    { label: '捐赠人类别', value: data.donorKind },
    ...Sheet.amountFields(data.amountFen),
    { label: '收款日期', value: formatCnDate(data.receivedOn) },
    { label: '收款方式', value: channelLabel(data.channel) },
  ];
  if (data.reference) rows.push({ label: '交易凭证号', value: data.reference });
  rows.push({ label: '用途', value: data.purpose });
  if (data.note) rows.push({ label: '备注', value: data.note });
  return rows;
}
