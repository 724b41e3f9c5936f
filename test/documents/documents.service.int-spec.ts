import { Logger } from '@nestjs/common';
import { AppConfig } from '../../src/config/app-config';
import type { DisclosureNoticeData } from '../../src/documents/disclosure-notice';
import { DocumentsService } from '../../src/documents/documents.service';
import { THAI_FONT } from '../support/fonts';
import { pdfText, readQrCodes } from '../support/pdf-tools';

const data = {
  societyName: '笔架山街道救急难互助会',
  receiptNo: '2026-000009',
  donorName: '张𠀋',
  donorKind: '个人',
  amountFen: 100,
  receivedOn: '2026-11-29',
  channel: 'alipay' as const,
  purpose: '救急难互助金',
  cashierName: '王晓梅',
  issuedOn: '2026-11-29',
};

const notice: DisclosureNoticeData = {
  societyName: '笔架山街道救急难互助会',
  noticeNo: '2026-004',
  publishedOn: '2026-11-29',
  periodFrom: '2026-11-29',
  periodTo: '2026-12-05',
  items: [
    {
      caseNo: '2026-0031',
      displayName: '小范（化名）',
      categoryLabel: '因病',
      amountFen: 100_000,
      approvedOn: '2026-11-27',
      paidOn: '2026-11-28',
      vote: { eligible: 9, cast: 8, approve: 7 },
    },
  ],
  totalFen: 100_000,
  note: null,
  contactPhone: null,
  publicUrl: 'http://localhost:3000/p/disclosures/5d0c2f2e-7f7a-4a53-8f43-0b0e1c1d2e3f',
  checkCode: '0a1b2c3d4e5f',
  auditHead: { seq: 42, hashPrefix: 'ffeeddccbbaa' },
};

function service(fallback?: string): DocumentsService {
  const config = Object.assign(new AppConfig(), { PDF_FALLBACK_FONT: fallback });
  return new DocumentsService(config);
}

describe('DocumentsService', () => {
  afterEach(() => jest.restoreAllMocks());

  it('logs a missing glyph as a warning through Nest', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const pdf = await service().donationReceipt(data);
    expect(await pdfText(pdf)).toContain('人民币壹元整');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain('U+2000B');
  });

  it('uses PDF_FALLBACK_FONT from the configuration', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const documents = service(THAI_FONT);
    documents.warmUp();
    expect(await pdfText(await documents.donationReceipt({ ...data, donorName: '张สมชาย' }))).toContain(
      '张สมชาย',
    );
    expect(warn).not.toHaveBeenCalled();
  });

  it('renders a disclosure notice once for the same data, however its keys are ordered', async () => {
    const documents = service();
    const [first, concurrent] = await Promise.all([
      documents.disclosureNotice(notice),
      documents.disclosureNotice({ ...notice }),
    ]);
    expect(concurrent).toBe(first);
    const reordered = Object.fromEntries(Object.entries(notice).reverse()) as unknown as DisclosureNoticeData;
    expect(await documents.disclosureNotice(reordered)).toBe(first);
    expect(await pdfText(first)).toContain('公示编号：2026-004');
    expect(await readQrCodes(first)).toEqual([{ page: 1, data: notice.publicUrl }]);
  });

  it('renders a notice anew when anything printed on it differs', async () => {
    const documents = service();
    const first = await documents.disclosureNotice(notice);
    const withPhone = await documents.disclosureNotice({ ...notice, contactPhone: '0566-2021234' });
    expect(withPhone).not.toBe(first);
    expect(await pdfText(withPhone)).toContain('电话：0566-2021234');
    expect(await pdfText(first)).not.toContain('电话');
  });
});
