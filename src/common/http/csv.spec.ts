import fc from 'fast-check';
import { Readable } from 'node:stream';
import { CSV_BOM, csvCell, csvLine, csvLines, csvStream } from './csv';

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

describe('csv (common/http/csv.ts)', () => {
  it('ends each record with CRLF and quotes only where RFC 4180 needs it', () => {
    expect(csvLine(['a', 'b'])).toBe('a,b\r\n');
    expect(csvLine(['a,b', 'say "hi"', 'two\nlines', 'cr\rhere'])).toBe(
      '"a,b","say ""hi""","two\nlines","cr\rhere"\r\n',
    );
    expect(csvLine(['中文', '𠀋'])).toBe('中文,𠀋\r\n');
  });

  it('writes numbers as they are and null as an empty cell', () => {
    expect(csvLine([1, -2.5, 0, null, ''])).toBe('1,-2.5,0,,\r\n');
  });

  it.each(['=1+1', '+1', '-1+2', '@SUM(A1)', '\tx', '\rx'])(
    'defuses a text cell starting a formula: %j',
    (cell) => {
      expect(csvCell(cell)).toBe(`'${cell}`);
    },
  );

  it('leaves other text alone, including formula characters later in the cell', () => {
    for (const cell of ['a=1', '1-2', "'quoted", ' =x', '中=']) expect(csvCell(cell)).toBe(cell);
  });

  it('quotes a defused cell when it also needs quoting', () => {
    expect(csvLine(['=HYPERLINK("x","y")'])).toBe(`"'=HYPERLINK(""x"",""y"")"\r\n`);
  });

  it('streams the BOM and header, then each batch, and ends', async () => {
    const stream = csvStream(
      ['甲', '乙'],
      async (write) => {
        expect(await write([['1', 2]])).toBe(true);
        expect(await write([])).toBe(true);
        expect(await write([['=x', null]])).toBe(true);
      },
      () => undefined,
    );
    expect(await text(stream)).toBe(`${CSV_BOM}甲,乙\r\n1,2\r\n'=x,\r\n`);
  });

  it('reports a failure while reading and cuts the stream off (no complete-looking file)', async () => {
    const errors: unknown[] = [];
    const stream = csvStream(
      ['a'],
      async (write) => {
        await write([['1']]);
        throw new Error('database gone');
      },
      (e) => errors.push(e),
    );
    await expect(text(stream)).rejects.toThrow('database gone');
    expect(errors).toHaveLength(1);
  });

  it('tells the producer to stop once the client is gone', async () => {
    let answer: boolean | undefined;
    const big = 'x'.repeat(64 * 1024);
    const stream = csvStream(
      ['a'],
      async (write) => {
        for (let i = 0; i < 100; i++) {
          answer = await write([[big]]);
          if (!answer) return;
        }
      },
      () => undefined,
    );
    await new Promise((r) => setImmediate(r));
    stream.destroy();
    await new Promise((r) => setTimeout(r, 20));
    expect(answer).toBe(false);
  });
});

describe('csvLines', () => {
  it('writes a batch exactly as its records one by one', () => {
    const rows = [['a,b', 1, null], ['=x', 'y\nz', -1], []];
    expect(csvLines(rows)).toBe(rows.map((r) => csvLine(r)).join(''));
    expect(csvLines([])).toBe('');
  });
});

describe('csv (the statements’ cases)', () => {
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
        const safe = csvCell(s);
        if (/^[=+\-@\t\r]/.test(safe)) expect(safe).toMatch(/^-?\d+(\.\d+)?$/);
        if (!/^[=+\-@\t\r]/.test(s)) expect(safe).toBe(s);
      }),
    );
  });
});
