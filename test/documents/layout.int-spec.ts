import { MM } from '../../src/documents/layout';
import { qrSymbol } from '../../src/documents/qr';
import { openSheet } from '../../src/documents/render-options';
import { pdfInfo, pdfPages, readQrCodes } from '../support/pdf-tools';

const URL = 'https://example.org/p/disclosures/1';

describe('Sheet', () => {
  it('opens a document without a subject', async () => {
    const sheet = openSheet({ title: '无主题', createdOn: '2026-01-01' });
    sheet.text('正文');
    const pdf = await sheet.finish('');
    expect(await pdfInfo(pdf)).toMatchObject({ pages: 1, title: '无主题', subject: undefined });
  });

  it('keeps text beside an image together: near the foot of a page, both move to the next', async () => {
    const sheet = openSheet({ title: 'besideImage', subject: 'test', createdOn: '2026-01-01' });
    sheet.text('第一页');
    sheet.y = sheet.bottom - 20 * MM; // less room than the 32 mm image needs
    sheet.besideImage([{ text: '左栏第一段' }, { text: '左栏第二段', style: { bold: true } }], {
      qr: qrSymbol(URL, 'M', 2),
      size: 32 * MM,
      caption: '图片说明',
    });
    const top = 20 * MM;
    const height = 32 * MM + sheet.pen.lineHeight(8);
    expect(sheet.y).toBeCloseTo(top + height, 6); // the image and its caption are the taller side
    const pdf = await sheet.finish('');

    const pages = await pdfPages(pdf);
    expect(pages).toHaveLength(2);
    expect(pages[0]).not.toContain('左栏');
    for (const text of ['左栏第一段', '左栏第二段', '图片说明']) expect(pages[1]).toContain(text);
    expect(await readQrCodes(pdf)).toEqual([{ page: 2, data: URL }]);
  });
});
