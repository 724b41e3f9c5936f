import { openSheet } from '../../src/documents/render-options';
import { type Column, drawTable, type TableCell } from '../../src/documents/table';
import { pdfText } from '../support/pdf-tools';

const COLUMNS: Column[] = [
  { header: '甲', share: 0.2 },
  { header: '乙', share: 0.3 },
  { header: '丙', share: 0.3 },
  { header: '丁', share: 0.2 },
];

async function table(rows: TableCell[][]): Promise<Buffer> {
  const sheet = openSheet({ title: 'table', subject: 'test', createdOn: '2026-01-01' });
  drawTable(sheet, COLUMNS, rows, { totalRow: true });
  return sheet.finish('');
}

describe('drawTable', () => {
  it('draws a cell across several columns, as wide as them together', async () => {
    // Too long for one or two columns, short enough for three: one line only if the span is honoured.
    const wide = '人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分整';
    const text = await pdfText(
      await table([
        ['一', '二', '三', '四'],
        ['合计', { text: wide, span: 3 }],
      ]),
    );
    expect(text).toContain('一');
    expect(text).toContain(wide);
  });

  it.each([
    ['covers fewer columns than the table has', [['一', { text: '二', span: 2 }]]],
    ['covers more columns than the table has', [[{ text: '一', span: 3 }, '二', '三']]],
    ['spans no column', [['一', '二', '三', { text: '四', span: 0 }]]],
  ] as [string, TableCell[][]][])('refuses a row that %s', async (_, rows) => {
    await expect(table(rows)).rejects.toThrow(RangeError);
  });
});
