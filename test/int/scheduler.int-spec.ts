import { Injectable, Module } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { PassThrough } from 'node:stream';
import { DataSource } from 'typeorm';
import { Job, ScheduledJob } from '../../src/scheduler/scheduled-job';
import { SchedulerService } from '../../src/scheduler/scheduler.service';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The scheduler on real PostgreSQL, with a job of this file's own: it marks due rows of a table it
 * owns done, `BATCH` at a time, each batch one statement. Several apps on one database stand for
 * several instances; they share this process, so `probe` sees every instance's runs at once.
 */
const JOB = 'test.probe';
const BATCH = 3;
const probe = {
  active: 0,
  maxActive: 0,
  batches: 0,
  /** Awaited at the start of every batch (a test holds a run here). */
  hold: null as Promise<void> | null,
  entered: () => undefined as void,
  /** Throw at the start of this batch number (1-based, counted from when it was set). */
  failAtBatch: 0,
  delayMs: 0,
};

@ScheduledJob()
@Injectable()
class ProbeJob implements Job {
  readonly name = JOB;
  readonly everyMs = 40;
  constructor(private readonly ds: DataSource) {}

  async run(now: Date): Promise<number> {
    probe.active += 1;
    probe.maxActive = Math.max(probe.maxActive, probe.active);
    probe.batches += 1;
    try {
      probe.entered();
      if (probe.hold) await probe.hold;
      if (probe.failAtBatch && --probe.failAtBatch === 0)
        throw new Error('probe failed for 张三 "110101199003077777"');
      if (probe.delayMs) await new Promise((r) => setTimeout(r, probe.delayMs));
      const [{ n }] = (await this.ds.query(
        `WITH done AS (
           UPDATE scheduler_probe SET done_count = done_count + 1, done_at = $1
            WHERE id IN (SELECT id FROM scheduler_probe WHERE due_at <= $1 AND done_at IS NULL
                          ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
           RETURNING id)
         SELECT count(*)::int AS n FROM done`,
        [now, BATCH],
      )) as { n: number }[];
      return n;
    } finally {
      probe.active -= 1;
    }
  }
}

@Module({ providers: [ProbeJob] })
class ProbeModule {}

const T0 = new Date('2026-05-01T00:00:00Z');

async function addItems(app: TestApp, count: number, dueAt: Date): Promise<void> {
  await app.db.query('INSERT INTO scheduler_probe (due_at) SELECT $1 FROM generate_series(1, $2::int)', [
    dueAt,
    count,
  ]);
}

async function counts(app: TestApp): Promise<{ pending: number; once: number; more: number }> {
  const { rows } = await app.db.query<{ pending: number; once: number; more: number }>(
    `SELECT count(*) FILTER (WHERE done_count = 0)::int AS pending,
            count(*) FILTER (WHERE done_count = 1)::int AS once,
            count(*) FILTER (WHERE done_count > 1)::int AS more FROM scheduler_probe`,
  );
  return rows[0];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(50);
  }
}

describe('scheduler: jobs under a cluster-wide advisory lock', () => {
  let a: TestApp;
  let b: TestApp;
  const logs = new PassThrough();
  let logText = '';
  logs.on('data', (d: Buffer) => (logText += d.toString()));

  beforeAll(async () => {
    a = await startTestApp({ LOG_LEVEL: 'info' }, { imports: [ProbeModule], logStream: logs });
    await a.db.query(
      `CREATE TABLE scheduler_probe (id serial PRIMARY KEY, due_at timestamptz NOT NULL,
         done_count int NOT NULL DEFAULT 0, done_at timestamptz)`,
    );
    b = await startTestApp({}, { imports: [ProbeModule], databaseUrl: a.config.DATABASE_URL });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });
  beforeEach(async () => {
    Object.assign(probe, { active: 0, maxActive: 0, batches: 0, hold: null, failAtBatch: 0, delayMs: 0 });
    probe.entered = () => undefined;
    await a.db.query('TRUNCATE scheduler_probe');
    a.clock.set(T0);
    b.clock.set(T0);
  });

  it('finds the job but runs nothing while SCHEDULER is off (the test default)', async () => {
    expect(a.config.SCHEDULER).toBe('off');
    // the probe and the app's own jobs (votes' deadlines, disclosures' ends)
    expect(a.app.get(SchedulerService).jobNames().sort()).toEqual(
      [
        JOB,
        'votes.close-expired',
        'disclosures.end-expired',
        'disclosures.overdue',
        'webhooks.deliver',
      ].sort(),
    );
    await addItems(a, 2, T0);
    await sleep(200); // five periods of the job
    expect(probe.batches).toBe(0);
    expect(a.app.get(SchedulerRegistry).getIntervals()).toEqual([]);
    expect(await counts(a)).toEqual({ pending: 2, once: 0, more: 0 });
  });

  it('catches up: one tick does everything due, batch after batch, and nothing not yet due', async () => {
    await addItems(a, 10, new Date(T0.getTime() - 86_400_000)); // due during a day of downtime
    await addItems(a, 1, T0);
    await addItems(a, 2, new Date(T0.getTime() + 1));
    expect(await a.app.get(SchedulerService).tick(JOB)).toEqual({
      ran: true,
      done: 11,
      batches: 5, // 3 + 3 + 3 + 2, then an empty one
      failed: false,
    });
    expect(await counts(a)).toEqual({ pending: 2, once: 11, more: 0 });

    a.clock.advance(1);
    expect(await a.app.get(SchedulerService).tick(JOB)).toMatchObject({ ran: true, done: 2 });
    expect(await a.app.get(SchedulerService).tick(JOB)).toMatchObject({ ran: true, done: 0, batches: 1 });
    expect(await counts(a)).toEqual({ pending: 0, once: 13, more: 0 });
  });

  it('runs a job on one instance at a time: a tick while another holds the lock skips', async () => {
    await addItems(a, 4, T0);
    let release!: () => void;
    probe.hold = new Promise<void>((r) => (release = r));
    const entered = new Promise<void>((r) => (probe.entered = r));
    const first = a.app.get(SchedulerService).tick(JOB);
    await entered;

    expect(await b.app.get(SchedulerService).tick(JOB)).toEqual({ ran: false }); // the other instance
    expect(await a.app.get(SchedulerService).tick(JOB)).toEqual({ ran: false }); // the same one again
    release();
    probe.hold = null;
    expect(await first).toMatchObject({ ran: true, done: 4 });
    expect(probe.maxActive).toBe(1);
    // The lock went with the tick: the other instance gets it now.
    await addItems(a, 1, T0);
    expect(await b.app.get(SchedulerService).tick(JOB)).toMatchObject({ ran: true, done: 1 });
    expect(await counts(a)).toEqual({ pending: 0, once: 5, more: 0 });
  });

  it('releases the lock when the job throws, logs no personal data, and the next tick catches up', async () => {
    await addItems(a, 8, T0);
    probe.failAtBatch = 2; // after one batch of 3 is committed
    logText = '';
    expect(await a.app.get(SchedulerService).tick(JOB)).toEqual({
      ran: true,
      done: 3,
      batches: 1,
      failed: true,
    });
    const line = logText.split('\n').find((l) => l.includes('scheduled job failed'));
    expect(line).toContain(JOB);
    expect(line).toContain('"type":"Error"');
    expect(logText).not.toContain('110101199003077777');

    // Another instance takes the lock at once (it was released) and does the rest, each item once.
    expect(await b.app.get(SchedulerService).tick(JOB)).toMatchObject({ ran: true, done: 5, failed: false });
    expect(await counts(a)).toEqual({ pending: 0, once: 8, more: 0 });
  });

  it('closes only after a tick in flight ends, so the job does not lose its database mid-run', async () => {
    const c = await startTestApp({}, { imports: [ProbeModule], databaseUrl: a.config.DATABASE_URL });
    await addItems(a, 4, new Date(Date.now() - 1000));
    let release!: () => void;
    probe.hold = new Promise<void>((r) => (release = r));
    const entered = new Promise<void>((r) => (probe.entered = r));
    const tick = c.app.get(SchedulerService).tick(JOB);
    await entered;
    let closed = false;
    const closing = c.close().then(() => (closed = true));
    await sleep(100);
    expect(closed).toBe(false);
    release();
    probe.hold = null;
    await closing;
    expect(await tick).toEqual({ ran: true, done: 4, batches: 3, failed: false });
    expect(await counts(a)).toEqual({ pending: 0, once: 4, more: 0 });
  });

  it('with SCHEDULER on, two instances ticking on their timers do every item once, never two runs at once', async () => {
    const on = { SCHEDULER: 'on' };
    const c = await startTestApp(on, { imports: [ProbeModule], databaseUrl: a.config.DATABASE_URL });
    const d = await startTestApp(on, { imports: [ProbeModule], databaseUrl: a.config.DATABASE_URL });
    try {
      expect(c.app.get(SchedulerRegistry).getIntervals().sort()).toEqual(
        [
          `job:${JOB}`,
          'job:votes.close-expired',
          'job:disclosures.end-expired',
          'job:disclosures.overdue',
          'job:webhooks.deliver',
        ].sort(),
      );
      probe.delayMs = 15; // long enough for the other instance's timer to fire during a run
      await addItems(c, 30, new Date(Date.now() - 1000)); // c and d run on real time
      await until(async () => (await counts(c)).pending === 0);
      await addItems(c, 30, new Date(Date.now() - 1000));
      await until(async () => (await counts(c)).pending === 0);
      expect(await counts(c)).toEqual({ pending: 0, once: 60, more: 0 });
      expect(probe.maxActive).toBe(1);
    } finally {
      await d.close();
      await c.close();
    }
    // Closed apps leave no timer: nothing runs after close.
    const after = probe.batches;
    await sleep(200);
    expect(probe.batches).toBe(after);
  });
});
