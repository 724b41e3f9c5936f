import { IncomingMessage, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { Readable } from 'node:stream';
import { Client } from 'pg';
import { ExportsService } from '../../src/reports/exports.service';
import { binaryBody } from '../support/binary-body';
import { bulkLedgerEntries } from '../support/bulk-ledger';
import { paidCase } from '../support/disclosure-fixtures';
import { TestSociety, testIdNumber } from '../support/fixtures';
import { withTestApp } from '../support/test-app';

/** RFC 4180, as a spreadsheet reads it: quoted cells may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length) throw new Error(`the CSV does not end with CRLF: ${JSON.stringify(cell)}`);
  return rows;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('CSV exports (issue 10): GET /societies/:sid/export/{cases|donations|entries}.csv', () => {
  const t = withTestApp();
  let soc: TestSociety;
  const idNumber = testIdNumber('19790305', 77);
  const phone = '13912345678';
  const address = '安徽省池州市贵池区杏花村三组十二号';
  const account = '6228480012345678901';

  beforeAll(async () => {
    soc = await t.fx.society();
    await t.fx.donation(soc, { amountFen: 500_000 });
    const donor = await t.fx.donor(soc, {
      kind: 'individual',
      name: '=HYPERLINK("http://x.example","点我")',
    });
    const gift = await t.fx.donation(soc, {
      donor,
      amountFen: 12_345,
      note: '+1 捐给"小范", 谢谢',
      reference: '@SUM(A1:A9)',
    });
    await t.fx.voidDonation(soc, gift, '-误录');
    await t.fx.case(soc, {
      applicant: { name: '范某某', idNumber, phone, address, householdSize: 3 },
      payee: { name: '范某某', bankName: '中国农业银行池州分行', accountNo: account },
      pseudonym: '=1+1',
    });
    await paidCase(t, soc, { amountFen: 100_000 });
  });

  const get = (path: string, who = soc.secretary, sid = soc.id) =>
    t.http
      .get(`/api/v1/societies/${sid}/export/${path}`)
      .set(who.auth)
      .buffer(true)
      .parse(binaryBody as never);

  async function csv(
    path: string,
  ): Promise<{ raw: Buffer; rows: string[][]; headers: Record<string, string> }> {
    const res = await get(path).expect(200);
    const raw = res.body as Buffer;
    return {
      raw,
      rows: parseCsv(raw.subarray(3).toString('utf8')),
      headers: res.headers as Record<string, string>,
    };
  }

  it('cases.csv: a download with BOM, Chinese headers, CRLF, every case masked (no address, no bank account)', async () => {
    const { raw, rows, headers } = await csv('cases.csv');
    expect(raw.subarray(0, 3)).toEqual(BOM);
    expect(headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(headers['content-disposition']).toMatch(/^attachment; filename="cases-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(headers['cache-control']).toBe('no-store');
    expect(rows[0]).toEqual([
      '案件编号',
      '状态',
      '申请人',
      '身份证号',
      '联系电话',
      '家庭人口',
      '化名',
      '困难类别',
      '来源',
      '申请金额（元）',
      '批准金额（元）',
      '实付金额（元）',
      '追回金额（元）',
      '收款人',
      '立案时间',
      '付款时间',
    ]);
    expect(rows).toHaveLength(3);
    const draft = rows.find((r) => r[1] === '草稿')!;
    expect(draft[3]).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    expect(draft[4]).toBe('139****5678');
    expect(draft[5]).toBe('3');
    expect(draft[6]).toBe("'=1+1"); // a formula defused
    const paid = rows.find((r) => r[1] === '已付款')!;
    expect(paid.slice(10, 12)).toEqual(['1000.00', '1000.00']);
    expect(paid[15]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const text = raw.toString('utf8');
    for (const secret of [idNumber, phone, address, '杏花村', account, account.slice(-8)]) {
      expect([secret, text.includes(secret)]).toEqual([secret, false]);
    }
  });

  it('donations.csv: donors as the internal list names them, quoting and formula protection round-trip', async () => {
    const { rows } = await csv('donations.csv');
    expect(rows[0]).toEqual([
      '收据编号',
      '收款日期',
      '捐赠人',
      '捐赠人类别',
      '金额（元）',
      '方式',
      '入账账户',
      '凭证号',
      '备注',
      '状态',
      '作废时间',
      '作废原因',
    ]);
    // The society's own donor (fixtures), the 500,000-fen gift, the paid case's 100,000 and the voided one.
    const voided = rows.find((r) => r[9] === '已作废')!;
    expect(voided[2]).toBe(`'=HYPERLINK("http://x.example","点我")`);
    expect(voided[3]).toBe('个人');
    expect(voided[4]).toBe('123.45');
    expect(voided[7]).toBe("'@SUM(A1:A9)");
    expect(voided[8]).toBe(`'+1 捐给"小范", 谢谢`);
    expect(voided[11]).toBe("'-误录");
    expect(rows.slice(1).every((r) => r.length === 12)).toBe(true);
  });

  it('entries.csv: one row per entry in seq order, with the accounts on each side', async () => {
    const { rows } = await csv('entries.csv');
    expect(rows[0]).toEqual([
      '序号',
      '记账时间',
      '类型',
      '金额（元）',
      '借方科目',
      '贷方科目',
      '摘要',
      '关联',
    ]);
    const { rows: n } = await t.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM ledger_entries WHERE society_id = $1`,
      [soc.id],
    );
    expect(rows).toHaveLength(Number(n[0].n) + 1);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(rows.slice(1).map((_, i) => i + 1));
    const kinds = rows.slice(1).map((r) => r[2]);
    expect(kinds).toEqual(expect.arrayContaining(['捐赠收入', '捐赠作废', '救助支出']));
    const payment = rows.find((r) => r[2] === '救助支出')!;
    expect(payment.slice(3, 6)).toEqual(['1000.00', '救助支出', '银行存款']);
  });

  it('answers 403 to a member of another society, 404 for a society that does not exist', async () => {
    const other = await t.fx.society({ roles: ['secretary'] });
    for (const path of ['cases.csv', 'donations.csv', 'entries.csv']) {
      await get(path, other.secretary).expect(403);
      const overseer = await t.fx.user({ platformRole: 'overseer' });
      const res = await get(path, overseer, '00000000-0000-4000-8000-00000000abcd').expect(404);
      expect(JSON.parse((res.body as Buffer).toString('utf8'))).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('gives a society without rows just the header', async () => {
    const empty = await t.fx.society({ roles: ['secretary'] });
    for (const path of ['cases.csv', 'donations.csv', 'entries.csv']) {
      const res = await get(path, empty.secretary, empty.id).expect(200);
      expect(parseCsv((res.body as Buffer).subarray(3).toString('utf8'))).toHaveLength(1);
    }
  });
});

describe('entries.csv streams: memory stays flat, reading follows the client', () => {
  const t = withTestApp();
  let base: string;

  beforeAll(async () => {
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });

  async function societyWith(entries: number): Promise<TestSociety<'secretary' | 'treasurer'>> {
    const soc = await t.fx.society({ roles: ['secretary', 'treasurer'] });
    await bulkLedgerEntries(t.db, soc.id, entries, new Date('2026-01-01T00:00:00Z'));
    return soc;
  }

  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  /** The live heap (after a full collection): what the process holds, not garbage waiting. */
  const liveHeap = () => {
    gc();
    return process.memoryUsage().heapUsed;
  };

  /**
   * Downloads an export as a plain client that keeps nothing but a count of lines, while a timer
   * measures the live heap every 10 ms (app and client share this process). Answers the
   * line count and the highest heap growth seen.
   */
  async function download(
    soc: TestSociety<'secretary' | 'treasurer'>,
  ): Promise<{ lines: number; peak: number }> {
    const before = liveHeap();
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, liveHeap() - before)), 10);
    try {
      const lines = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${base}/api/v1/societies/${soc.id}/export/entries.csv`, {
          headers: soc.secretary.auth,
        });
        req.on('response', (res) => {
          if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
          let n = 0;
          res.on('data', (chunk: Buffer) => {
            for (const byte of chunk) if (byte === 0x0a) n++;
          });
          res.on('end', () => resolve(n));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end();
      });
      return { lines, peak };
    } finally {
      clearInterval(timer);
    }
  }

  it('exports 40,000 entries (rows = entries + header) with no more live heap than 10,000 need', async () => {
    // Both are more than one batch (EXPORT_BATCH, 5,000 rows): streamed, the heap holds about one
    // batch whatever the total; a buffered export would hold four times as much for four times the rows.
    const small = await download(await societyWith(10_000));
    const large = await download(await societyWith(40_000));
    expect(small.lines).toBe(10_001);
    expect(large.lines).toBe(40_001);
    // Measured streamed: about 6–8 MiB for both; buffered (one batch for everything): 4 and 25 MiB.
    expect(large.peak - small.peak).toBeLessThan(12 * 1024 * 1024);
  }, 120_000);

  /** Sessions of this database inside a transaction but waiting (an export paused by its client). */
  async function waitingTransactions(monitor: Client): Promise<number> {
    const { rows } = await monitor.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity
        WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    );
    return Number(rows[0].n);
  }

  /** Polls `probe` (every 100 ms, up to 20 s: the machine may be busy) until it answers `want`. */
  async function until(probe: () => Promise<number>, want: number): Promise<number> {
    let got = await probe();
    for (let i = 0; i < 200 && got !== want; i++) {
      await new Promise((r) => setTimeout(r, 100));
      got = await probe();
    }
    return got;
  }

  /** Statements of the process's pg clients that read ledger entries, while `during` runs. */
  async function entryBatchesRead(during: () => Promise<void>): Promise<number> {
    let n = 0;
    const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = proto.query;
    proto.query = function (this: Client, ...args: unknown[]) {
      const q = args[0] as string | { text?: string };
      if (/FROM ledger_entries/.test(typeof q === 'string' ? q : (q.text ?? ''))) n++;
      return original.apply(this, args);
    };
    try {
      await during();
    } finally {
      proto.query = original;
    }
    return n;
  }

  async function readAll(stream: Readable): Promise<number> {
    let lines = 0;
    for await (const chunk of stream) for (const byte of chunk as Buffer) if (byte === 0x0a) lines++;
    return lines;
  }

  it('reads a batch only when the client has taken the last one (backpressure), from one snapshot', async () => {
    const soc = await societyWith(30_000);
    const monitor = new Client({ connectionString: t.config.DATABASE_URL });
    await monitor.connect();
    try {
      let stream: Readable | undefined;
      // The stream as the controller hands it to Fastify, nobody reading it: one batch goes in, then
      // the export waits, its transaction open.
      const read = await entryBatchesRead(async () => {
        stream = (await t.run(() => t.app.get(ExportsService).entriesCsv(soc.id))).stream;
        expect(await until(() => waitingTransactions(monitor), 1)).toBe(1);
        await new Promise((r) => setTimeout(r, 500));
      });
      expect(read).toBe(1); // of the 6 batches of 5,000
      // A gift recorded now commits (the snapshot blocks no writer) but is not in the file.
      await t.fx.donation(soc, { amountFen: 100 });
      expect(await readAll(stream!)).toBe(30_001);
      const { rows } = await t.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM ledger_entries WHERE society_id = $1`,
        [soc.id],
      );
      expect(Number(rows[0].n)).toBe(30_001);
      expect(await until(() => waitingTransactions(monitor), 0)).toBe(0);
    } finally {
      await monitor.end();
    }
  }, 60_000);

  it('ends the export’s transaction when the client goes away mid-download', async () => {
    const soc = await societyWith(30_000);
    const monitor = new Client({ connectionString: t.config.DATABASE_URL });
    await monitor.connect();
    try {
      const { stream } = await t.run(() => t.app.get(ExportsService).entriesCsv(soc.id));
      expect(await until(() => waitingTransactions(monitor), 1)).toBe(1);
      stream.destroy(); // what Fastify does when the client's connection closes
      expect(await until(() => waitingTransactions(monitor), 0)).toBe(0);
      // And over HTTP: a client that leaves after the first chunk leaves no transaction behind.
      const req = httpRequest(`${base}/api/v1/societies/${soc.id}/export/entries.csv`, {
        headers: soc.secretary.auth,
      });
      await new Promise<IncomingMessage>((resolve, reject) =>
        req.on('response', resolve).on('error', reject).end(),
      );
      req.destroy();
      expect(await until(() => waitingTransactions(monitor), 0)).toBe(0);
    } finally {
      await monitor.end();
    }
  }, 60_000);
});
