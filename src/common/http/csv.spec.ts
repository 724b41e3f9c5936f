import fc from 'fast-check';
import { CSV_BOM, csvLine, csvSafeText, csvStream } from './csv';

describe('csv', () => {
  it('ends each record with CRLF and quotes only what needs it', () => {
    expect(csvLine(['收据编号', '2026-000001', 100])).toBe('收据编号,2026-000001,100\r\n');
    expect(csvLine(['a,b', 'say "hi"', 'two\nlines', 'cr\rhere'])).toBe(
      '"a,b","say ""hi""","two\nlines","cr\rhere"\r\n',
    );
  });

  it('writes null and undefined as empty cells', () => {
    expect(csvLine([null, 'x', undefined, ''])).toBe(',x,,\r\n');
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+86 138', "'+86 138"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
  ])('defuses a formula-looking cell %j', (cell, written) => {
    expect(csvLine([cell])).toBe(`${written}\r\n`);
  });

  it('defuses a carriage return at the start (and quotes it)', () => {
    expect(csvLine(['\r=1'])).toBe(`"'\r=1"\r\n`);
  });

  it('leaves plain numbers, negative ones included, as numbers', () => {
    expect(csvLine(['-12.50', '1000.00', -3, 0])).toBe('-12.50,1000.00,-3,0\r\n');
  });

  it('never lets a text cell start a formula', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const safe = csvSafeText(s);
        if (/^[=+\-@\t\r]/.test(safe)) expect(safe).toMatch(/^-?\d+(\.\d+)?$/);
        if (!/^[=+\-@\t\r]/.test(s)) expect(safe).toBe(s);
      }),
    );
  });

  it('streams records after one BOM', async () => {
    const stream = csvStream();
    const chunks: string[] = [];
    stream.on('data', (c: Buffer | string) => chunks.push(String(c)));
    const done = new Promise((resolve) => stream.on('end', resolve));
    stream.write(['序号', '=x']);
    stream.write([1, null]);
    stream.end();
    await done;
    expect(chunks.join('')).toBe(`${CSV_BOM}序号,'=x\r\n1,\r\n`);
  });
});
