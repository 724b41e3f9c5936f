import { Client } from 'pg';
import { testIdNumber } from './fixtures';
import type { TestContext } from './test-app';
import { checkInvariants } from './invariants';

/**
 * The bank workload (after Jepsen's bank test, issue 15): concurrent clients doing random donations,
 * voids, transfers, case filings, vote openings, ballots, payments, notices, objections upheld or
 * dismissed, recoveries, clearings and withdrawals across a few societies over real HTTP, while readers
 * read the fund and its reconciliation. Each client draws its operations from its own PRNG seeded from
 * one seed (printed: a failing seed reproduces the same operations; only their interleaving differs).
 *
 * Money-moving POSTs carry an Idempotency-Key. With `retry` (the crash and outage tests) a request
 * that got no answer (connection refused or reset, or a 503) is sent again with the same key until it
 * gets one: each ends with exactly one effect, which `checkAcknowledged` compares with the database.
 */

/** mulberry32: small, fast, good enough to pick operations; the same seed gives the same stream. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BankUser {
  id: string;
  auth: { Authorization: string };
}

export interface BankSociety {
  id: string;
  secretary: BankUser;
  treasurer: BankUser;
  supervisor: BankUser;
  board: BankUser[];
  donorId: string;
}

/** Societies for the workload, made through the fixtures (3 board members: 2 approvals decide). */
export async function bankSocieties(t: TestContext, count: number): Promise<BankSociety[]> {
  const out: BankSociety[] = [];
  for (let i = 0; i < count; i++) {
    const soc = await t.fx.society({ board: 3 });
    const donor = await t.fx.donor(soc, { name: `爱心人士${i + 1}` });
    // a starting balance, so that the first votes can hold something
    await t.fx.donation(soc, { amountFen: 500_000, channel: 'bank_transfer' });
    await t.fx.donation(soc, { amountFen: 100_000, channel: 'cash' });
    out.push({
      id: soc.id,
      secretary: soc.secretary,
      treasurer: soc.treasurer,
      supervisor: soc.supervisor,
      board: soc.boardMembers,
      donorId: donor.id,
    });
  }
  return out;
}

export interface BankOptions {
  /** The app's address now (it may move when a crashed app is restarted on another port). */
  baseUrl: () => string;
  societies: BankSociety[];
  seed: number;
  /** Operations in all (writes and reads), shared by the clients. */
  operations: number;
  /** Concurrent writing clients (default 8) and reading clients (default 2). */
  clients?: number;
  readers?: number;
  /** Send again what got no answer, with the same Idempotency-Key (crash and outage tests). */
  retry?: boolean;
  /** Give up on a request after this long without an answer (retry mode; default 120 s). */
  retryForMs?: number;
  /** The database, for snapshots of the invariants taken during the run every `snapshotEveryMs`. */
  databaseUrl?: string;
  snapshotEveryMs?: number;
  /** Called after each operation (the crash test counts them to know when to kill). */
  onOperation?: (done: number) => void;
  /** Progress lines (soak). */
  log?: (line: string) => void;
}

/** An acknowledged money move: what its key produced. */
export interface Acknowledged {
  key: string;
  kind: 'donation' | 'void' | 'transfer' | 'payment' | 'recovery';
  societyId: string;
  /** donation id, entry id, the case paid or recovered. */
  effect: string;
  status: number;
  /** How many times it was sent (1 without a fault). */
  attempts: number;
}

export interface BankResult {
  seed: number;
  operations: number;
  durationMs: number;
  /** `op status code` → count, e.g. `pay 201`, `openVote 409 INSUFFICIENT_FUNDS`. */
  outcomes: Record<string, number>;
  /** Answers no operation expects: 5xx, or 4xx outside its list (a defect unless a fault explains it). */
  unexpected: string[];
  /** Requests sent again after no answer, and those that got one only on a retry. */
  retries: number;
  acknowledged: Acknowledged[];
  /** Reads that saw the books wrong (reconciliation not ok, negative available). */
  badReads: string[];
  /** Violations found by the snapshots taken during the run. */
  snapshotViolations: string[];
  snapshots: number;
}

type Status = 'draft' | 'voting' | 'approved' | 'rejected' | 'paid' | 'publicized' | 'disputed' | string;

interface KnownCase {
  id: string;
  caseNo: string;
  status: Status;
  amountFen: number;
  paidFen: number;
  voted: Set<string>;
}

/** What the clients know of a society: a hint for choosing operations, never trusted for checks. */
interface Model {
  soc: BankSociety;
  donations: { id: string; voided: boolean }[];
  cases: KnownCase[];
  notices: { id: string; caseNos: string[]; active: boolean }[];
}

interface Answer {
  status: number;
  code?: string;
  body: Record<string, unknown>;
}

class NoAnswer extends Error {}

const NO_CODE = '-';

export async function runBank(opts: BankOptions): Promise<BankResult> {
  const clients = opts.clients ?? 8;
  const readers = opts.readers ?? 2;
  const started = Date.now();
  const models: Model[] = opts.societies.map((soc) => ({ soc, donations: [], cases: [], notices: [] }));
  const result: BankResult = {
    seed: opts.seed,
    operations: 0,
    durationMs: 0,
    outcomes: {},
    unexpected: [],
    retries: 0,
    acknowledged: [],
    badReads: [],
    snapshotViolations: [],
    snapshots: 0,
  };
  let remaining = opts.operations;
  const take = () => (remaining-- > 0 ? true : false);
  const count = (op: string, a: Answer) => {
    const k = `${op} ${a.status} ${a.code ?? NO_CODE}`;
    result.outcomes[k] = (result.outcomes[k] ?? 0) + 1;
    result.operations += 1;
    opts.onOperation?.(result.operations);
    if (opts.log && result.operations % 5000 === 0)
      opts.log(`${result.operations} operations, ${Math.round((Date.now() - started) / 1000)} s`);
  };

  async function send(
    method: 'GET' | 'POST',
    path: string,
    user: BankUser | null,
    body?: unknown,
    key?: string,
  ): Promise<Answer> {
    const deadline = Date.now() + (opts.retryForMs ?? 120_000);
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await fetch(opts.baseUrl() + path, {
          method,
          headers: {
            ...(user ? user.auth : {}),
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(key ? { 'idempotency-key': key } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        let parsed: Record<string, unknown> = {};
        try {
          parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
        } catch {
          parsed = { text };
        }
        if (opts.retry && res.status === 503 && (key || method === 'GET')) throw new NoAnswer('503');
        (parsed as { attempts?: number }).attempts = attempt;
        return { status: res.status, code: parsed.code as string | undefined, body: parsed };
      } catch (e) {
        // No answer: the request may or may not have taken effect. Only a keyed or read request is
        // safe to send again; the others report it and the clients' model catches up later.
        if (!opts.retry || (!key && method !== 'GET') || Date.now() > deadline)
          return { status: 0, code: e instanceof NoAnswer ? 'SERVICE_UNAVAILABLE' : 'NO_ANSWER', body: {} };
        result.retries += 1;
        await new Promise((r) => setTimeout(r, 100 + Math.min(attempt, 20) * 50));
      }
    }
  }

  const unexpected = (op: string, a: Answer, expected: string[]) => {
    if (a.status >= 200 && a.status < 300) return false;
    if (a.code && expected.includes(a.code)) return false;
    if (opts.retry && (a.status === 0 || a.status === 503)) return false; // a fault under way
    result.unexpected.push(`${op}: ${a.status} ${a.code ?? ''} ${JSON.stringify(a.body).slice(0, 300)}`);
    return true;
  };

  const ack = (kind: Acknowledged['kind'], key: string, m: Model, a: Answer, effect: unknown) => {
    if (a.status >= 200 && a.status < 300)
      result.acknowledged.push({
        key,
        kind,
        societyId: m.soc.id,
        effect: String(effect),
        status: a.status,
        attempts: (a.body as { attempts?: number }).attempts ?? 1,
      });
  };

  async function refresh(m: Model, c: KnownCase): Promise<void> {
    const a = await send('GET', `/api/v1/societies/${m.soc.id}/cases/${c.id}`, m.soc.secretary);
    if (a.status === 200) c.status = a.body.status as string;
  }

  async function writer(index: number): Promise<void> {
    const rnd = prng((opts.seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
    const pick = <T>(xs: T[]): T | undefined => (xs.length ? xs[Math.floor(rnd() * xs.length)] : undefined);
    const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
    let n = 0;
    const newKey = () => `bank-${opts.seed}-${index}-${n++}`;

    const ops: [number, (m: Model) => Promise<void>][] = [
      [14, donate],
      [3, voidGift],
      [5, transfer],
      [8, fileCase],
      [8, openVote],
      [16, ballot],
      [1, closeVote],
      [10, pay],
      [5, publish],
      [4, object],
      [3, recover],
      [1, clear],
      [2, withdrawNotice],
      [2, withdrawCase],
    ];
    const total = ops.reduce((s, [w]) => s + w, 0);

    while (take()) {
      const m = pick(models)!;
      let r = rnd() * total;
      const op = ops.find(([w]) => (r -= w) < 0)![1];
      await op(m);
    }

    async function donate(m: Model) {
      const key = newKey();
      const cash = rnd() < 0.3;
      const a = await send(
        'POST',
        `/api/v1/societies/${m.soc.id}/donations`,
        m.soc.treasurer,
        {
          donorId: m.soc.donorId,
          amountFen: between(1_000, 300_000),
          receivedAt: new Date().toISOString(),
          channel: cash ? 'cash' : pick(['bank_transfer', 'wechat', 'alipay'] as const),
        },
        key,
      );
      count('donate', a);
      unexpected('donate', a, []);
      ack('donation', key, m, a, a.body.id);
      if (a.status === 201) m.donations.push({ id: a.body.id as string, voided: false });
    }

    async function voidGift(m: Model) {
      const gift = pick(m.donations.filter((d) => !d.voided));
      if (!gift) return donate(m);
      const key = newKey();
      const a = await send(
        'POST',
        `/api/v1/societies/${m.soc.id}/donations/${gift.id}/void`,
        m.soc.treasurer,
        { reason: '录入错误' },
        key,
      );
      count('void', a);
      unexpected('void', a, ['INSUFFICIENT_FUNDS', 'INVALID_STATE']);
      ack('void', key, m, a, gift.id);
      if (a.status === 200 || a.code === 'INVALID_STATE') gift.voided = true;
    }

    async function transfer(m: Model) {
      const key = newKey();
      const toCash = rnd() < 0.5;
      const a = await send(
        'POST',
        `/api/v1/societies/${m.soc.id}/fund/transfers`,
        m.soc.treasurer,
        { from: toCash ? 'bank' : 'cash', to: toCash ? 'cash' : 'bank', amountFen: between(100, 80_000) },
        key,
      );
      count('transfer', a);
      unexpected('transfer', a, ['INSUFFICIENT_FUNDS']);
      ack('transfer', key, m, a, a.body.id);
    }

    async function fileCase(m: Model) {
      const a = await send('POST', `/api/v1/societies/${m.soc.id}/cases`, m.soc.secretary, {
        applicant: {
          name: pick(['范某某', '王某', '李某某', '逄某']),
          idNumber: testIdNumber(`19${between(50, 99)}0${between(1, 9)}1${between(0, 9)}`, between(1, 999)),
        },
        category: pick(['serious_illness', 'accident', 'disaster', 'fire', 'sudden_hardship'] as const),
        description: '突发困难，申请救急',
        source: 'home_visit',
        requestedAmountFen: between(10_000, 300_000),
      });
      count('file', a);
      unexpected('file', a, []);
      if (a.status === 201)
        m.cases.push({
          id: a.body.id as string,
          caseNo: a.body.caseNo as string,
          status: 'draft',
          amountFen: 0,
          paidFen: 0,
          voted: new Set(),
        });
    }

    async function openVote(m: Model) {
      const c = pick(m.cases.filter((x) => x.status === 'draft'));
      if (!c) return fileCase(m);
      const amountFen = between(10_000, 250_000);
      const a = await send('POST', `/api/v1/societies/${m.soc.id}/cases/${c.id}/vote`, m.soc.secretary, {
        amountFen,
      });
      count('openVote', a);
      unexpected('openVote', a, ['INSUFFICIENT_FUNDS', 'INVALID_STATE']);
      if (a.status === 201) Object.assign(c, { status: 'voting', amountFen, voted: new Set() });
      else if (a.code === 'INVALID_STATE' || a.status === 0) await refresh(m, c);
    }

    async function ballot(m: Model) {
      const c = pick(m.cases.filter((x) => x.status === 'voting'));
      if (!c) return openVote(m);
      const member = pick(m.soc.board.filter((b) => !c.voted.has(b.id))) ?? pick(m.soc.board)!;
      const choice = rnd() < 0.85 ? 'approve' : rnd() < 0.7 ? 'reject' : 'abstain';
      const a = await send('POST', `/api/v1/societies/${m.soc.id}/cases/${c.id}/vote/ballots`, member, {
        choice,
      });
      count('ballot', a);
      unexpected('ballot', a, ['ALREADY_VOTED', 'VOTE_CLOSED', 'INVALID_STATE', 'NOT_FOUND']);
      c.voted.add(member.id);
      if (a.status === 201) {
        const outcome = (a.body.tally as { outcome?: string } | undefined)?.outcome;
        if (outcome === 'approved') c.status = 'approved';
        else if (outcome === 'rejected') c.status = 'rejected';
        else if (outcome === 'no_quorum') c.status = 'draft';
      } else await refresh(m, c);
    }

    async function closeVote(m: Model) {
      const c = pick(m.cases.filter((x) => x.status === 'voting'));
      if (!c) return ballot(m);
      const a = await send('POST', `/api/v1/societies/${m.soc.id}/cases/${c.id}/vote/close`, m.soc.secretary);
      count('closeVote', a);
      unexpected('closeVote', a, ['VOTE_CLOSED', 'INVALID_STATE', 'NOT_FOUND']);
      await refresh(m, c);
    }

    async function pay(m: Model) {
      const c = pick(m.cases.filter((x) => x.status === 'approved'));
      if (!c) return ballot(m);
      const key = newKey();
      const amountFen = rnd() < 0.8 ? c.amountFen : between(1, c.amountFen);
      const a = await send(
        'POST',
        `/api/v1/societies/${m.soc.id}/cases/${c.id}/payment`,
        m.soc.treasurer,
        { amountFen, account: rnd() < 0.8 ? 'bank' : 'cash' },
        key,
      );
      count('pay', a);
      unexpected('pay', a, ['INSUFFICIENT_FUNDS', 'INVALID_STATE', 'ANNUAL_CAP_EXCEEDED']);
      ack('payment', key, m, a, c.id);
      if (a.status === 201) Object.assign(c, { status: 'paid', paidFen: amountFen });
      else if (a.code === 'INVALID_STATE') await refresh(m, c);
      else if (a.code === 'ANNUAL_CAP_EXCEEDED') await withdrawOne(m, c);
    }

    async function publish(m: Model) {
      const paid = m.cases.filter((x) => x.status === 'paid');
      if (!paid.length) return pay(m);
      const chosen = [...new Set(Array.from({ length: between(1, 3) }, () => pick(paid)!))];
      const a = await send('POST', `/api/v1/societies/${m.soc.id}/disclosures`, m.soc.secretary, {
        caseIds: chosen.map((c) => c.id),
      });
      count('publish', a);
      unexpected('publish', a, ['INVALID_STATE']);
      if (a.status === 201) {
        for (const c of chosen) c.status = 'publicized';
        m.notices.push({ id: a.body.id as string, caseNos: chosen.map((c) => c.caseNo), active: true });
      } else for (const c of chosen) await refresh(m, c);
    }

    async function object(m: Model) {
      const notice = pick(m.notices.filter((x) => x.active));
      if (!notice) return publish(m);
      const caseNo = pick(notice.caseNos)!;
      const a = await send('POST', `/api/v1/public/disclosures/${notice.id}/objections`, null, {
        content: '该户家境殷实，不符合救助条件',
        caseNo,
      });
      count('object', a);
      unexpected('object', a, ['DISCLOSURE_NOT_ACTIVE', 'INVALID_STATE']);
      if (a.code === 'DISCLOSURE_NOT_ACTIVE') notice.active = false;
      if (a.status !== 201) return;
      const open = await send(
        'GET',
        `/api/v1/societies/${m.soc.id}/objections?status=open&limit=50`,
        m.soc.supervisor,
      );
      count('listObjections', open);
      const mine = ((open.body.items as { id: string; caseNo: string | null }[] | undefined) ?? []).find(
        (o) => o.caseNo === caseNo,
      );
      if (!mine) return;
      const decision = rnd() < 0.7 ? 'upheld' : 'dismissed';
      const r = await send(
        'POST',
        `/api/v1/societies/${m.soc.id}/objections/${mine.id}/resolution`,
        m.soc.supervisor,
        { decision, response: decision === 'upheld' ? '经核查，异议属实' : '经核查，情况属实，异议不成立' },
      );
      count('resolve', r);
      unexpected('resolve', r, ['INVALID_STATE']);
      const c = m.cases.find((x) => x.caseNo === caseNo);
      if (c) await refresh(m, c);
    }

    async function recover(m: Model) {
      const c = pick(m.cases.filter((x) => x.status === 'disputed'));
      if (!c) return object(m);
      const key = newKey();
      const a = await send(
        'POST',
        `/api/v1/societies/${m.soc.id}/cases/${c.id}/recovery`,
        m.soc.treasurer,
        { amountFen: between(1, Math.max(1, c.paidFen || 1)), account: rnd() < 0.7 ? 'bank' : 'cash' },
        key,
      );
      count('recover', a);
      unexpected('recover', a, ['INVALID_STATE', 'VALIDATION_FAILED', 'AMOUNT_EXCEEDS_APPROVED']);
      ack('recovery', key, m, a, c.id);
      await refresh(m, c);
    }

    async function clear(m: Model) {
      const c = pick(m.cases.filter((x) => x.status === 'disputed'));
      if (!c) return recover(m);
      const a = await send('POST', `/api/v1/societies/${m.soc.id}/cases/${c.id}/clear`, m.soc.supervisor, {
        reason: '复核后确认符合条件',
      });
      count('clear', a);
      unexpected('clear', a, ['INVALID_STATE']);
      await refresh(m, c);
    }

    async function withdrawNotice(m: Model) {
      const notice = pick(m.notices.filter((x) => x.active));
      if (!notice) return publish(m);
      const a = await send(
        'POST',
        `/api/v1/societies/${m.soc.id}/disclosures/${notice.id}/withdraw`,
        m.soc.secretary,
        { reason: '公示信息有误' },
      );
      count('withdrawNotice', a);
      unexpected('withdrawNotice', a, ['INVALID_STATE', 'DISCLOSURE_NOT_ACTIVE']);
      if (a.status === 200 || a.status === 201 || a.code) notice.active = false;
      for (const c of m.cases.filter((x) => notice.caseNos.includes(x.caseNo))) await refresh(m, c);
    }

    async function withdrawCase(m: Model) {
      const c = pick(
        m.cases.filter((x) => x.status === 'draft' || x.status === 'voting' || x.status === 'approved'),
      );
      if (!c) return fileCase(m);
      return withdrawOne(m, c);
    }

    async function withdrawOne(m: Model, c: KnownCase) {
      const a = await send('POST', `/api/v1/societies/${m.soc.id}/cases/${c.id}/withdraw`, m.soc.secretary, {
        reason: '申请人撤回',
      });
      count('withdrawCase', a);
      unexpected('withdrawCase', a, ['INVALID_STATE']);
      await refresh(m, c);
    }
  }

  async function reader(index: number): Promise<void> {
    const rnd = prng((opts.seed ^ Math.imul(index + 101, 0x85ebca6b)) >>> 0);
    while (take()) {
      const m = models[Math.floor(rnd() * models.length)];
      const base = `/api/v1/societies/${m.soc.id}`;
      const r = rnd();
      if (r < 0.35) {
        const a = await send('GET', `${base}/fund`, m.soc.supervisor);
        count('readFund', a);
        unexpected('readFund', a, []);
        if (a.status === 200) {
          const f = a.body as { balanceFen: number; heldFen: number; availableFen: number };
          if (f.availableFen < 0 || f.heldFen > f.balanceFen || f.availableFen !== f.balanceFen - f.heldFen)
            result.badReads.push(`fund of ${m.soc.id}: ${JSON.stringify(f)}`);
        }
      } else if (r < 0.6) {
        const a = await send('GET', `${base}/fund/reconciliation`, m.soc.supervisor);
        count('readReconciliation', a);
        unexpected('readReconciliation', a, []);
        if (a.status === 200 && a.body.ok !== true)
          result.badReads.push(`reconciliation of ${m.soc.id}: ${JSON.stringify(a.body)}`);
      } else if (r < 0.75) {
        const a = await send('GET', `${base}/fund/entries?limit=20`, m.soc.supervisor);
        count('readEntries', a);
        unexpected('readEntries', a, []);
      } else if (r < 0.9) {
        const a = await send('GET', `${base}/cases?limit=20`, m.soc.supervisor);
        count('readCases', a);
        unexpected('readCases', a, []);
      } else {
        const a = await send('GET', `/api/v1/public/societies/${m.soc.id}`, null);
        count('readPublic', a);
        unexpected('readPublic', a, []);
      }
    }
  }

  let running = true;
  async function snapshots(): Promise<void> {
    if (!opts.databaseUrl) return;
    while (running) {
      await new Promise((r) => setTimeout(r, opts.snapshotEveryMs ?? 1000));
      if (!running) break;
      try {
        const report = await checkInvariants(opts.databaseUrl);
        result.snapshots += 1;
        result.snapshotViolations.push(...report.violations.map((x) => `snapshot ${result.snapshots}: ${x}`));
      } catch {
        // the database is unreachable (an outage under way): no snapshot this time
      }
    }
  }

  const snapshotLoop = snapshots();
  await Promise.all([
    ...Array.from({ length: clients }, (_, i) => writer(i)),
    ...Array.from({ length: readers }, (_, i) => reader(i)),
  ]);
  running = false;
  await snapshotLoop;
  result.durationMs = Date.now() - started;
  return result;
}

/**
 * Exactly one effect per acknowledged key, and no effect without one: every donation, transfer,
 * void, payment and recovery in the database of these societies is one the clients were told of,
 * and the other way round. (Valid when every keyed request ended with an answer: `retry` mode.)
 */
export async function checkAcknowledged(
  url: string,
  result: BankResult,
  societyIds: string[],
): Promise<string[]> {
  const v: string[] = [];
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const ids = async (sql: string) =>
      (await db.query<{ id: string }>(sql, [societyIds])).rows.map((r) => r.id).sort();
    const acked = (kind: Acknowledged['kind']) => {
      const byKey = new Map<string, string>();
      for (const a of result.acknowledged.filter((x) => x.kind === kind)) {
        const before = byKey.get(a.key);
        if (before !== undefined && before !== a.effect)
          v.push(`key ${a.key} answered ${before} and then ${a.effect}`);
        byKey.set(a.key, a.effect);
      }
      return [...byKey.values()].sort();
    };
    const compare = (what: string, inDb: string[], told: string[]) => {
      const dup = told.filter((x, i) => told.indexOf(x) !== i);
      if (dup.length)
        v.push(`${what}: one effect acknowledged under several keys: ${dup.slice(0, 5).join(', ')}`);
      const tSet = new Set(told);
      const dSet = new Set(inDb);
      const lost = told.filter((x) => !dSet.has(x));
      const unacked = inDb.filter((x) => !tSet.has(x));
      if (lost.length)
        v.push(
          `${what}: ${lost.length} acknowledged but not in the database: ${lost.slice(0, 5).join(', ')}`,
        );
      if (unacked.length)
        v.push(
          `${what}: ${unacked.length} in the database never acknowledged: ${unacked.slice(0, 5).join(', ')}`,
        );
    };
    // the set-up's own gifts (fixtures, before the run) have no key: only those with a key count
    compare(
      'donations',
      await ids(`SELECT d.id FROM donations d JOIN idempotency_keys k ON k.society_id = d.society_id
                  AND k.response_body::jsonb ->> 'id' = d.id::text WHERE d.society_id = ANY($1)`),
      acked('donation'),
    );
    compare(
      'transfers',
      await ids(`SELECT id FROM ledger_entries WHERE kind = 'transfer' AND society_id = ANY($1)`),
      acked('transfer'),
    );
    compare(
      'voids',
      await ids(`SELECT id FROM donations WHERE status = 'voided' AND society_id = ANY($1)`),
      acked('void'),
    );
    compare(
      'payments',
      await ids(`SELECT id FROM cases WHERE paid_entry_id IS NOT NULL AND society_id = ANY($1)`),
      acked('payment'),
    );
    compare(
      'recoveries',
      await ids(`SELECT id FROM cases WHERE recovered_entry_id IS NOT NULL AND society_id = ANY($1)`),
      acked('recovery'),
    );
  } finally {
    await db.end();
  }
  return v;
}

/** One line per outcome, most frequent first: the figures a run reports. */
export function summarize(r: BankResult): string {
  const lines = Object.entries(r.outcomes)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `  ${k.padEnd(44)} ${n}`);
  return [
    `bank seed ${r.seed}: ${r.operations} operations in ${(r.durationMs / 1000).toFixed(1)} s, ` +
      `${r.snapshots} snapshots, ${r.retries} retries, ${r.unexpected.length} unexpected answers`,
    ...lines,
  ].join('\n');
}
