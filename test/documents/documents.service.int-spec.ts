import { Logger } from '@nestjs/common';
import { AppConfig } from '../../src/config/app-config';
import { DocumentsService } from '../../src/documents/documents.service';
import { THAI_FONT } from '../support/fonts';
import { pdfText } from '../support/pdf-tools';

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
});
