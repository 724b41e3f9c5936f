import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { OutboxService } from '../../src/notifications/outbox.service';
import { WebhookSender } from '../../src/notifications/webhook-sender';
import { verifySignature } from '../../src/notifications/webhook-signature';
import { SchedulerService } from '../../src/scheduler/scheduler.service';
import { logCapture } from '../support/contract';
import { TestSociety } from '../support/fixtures';
import { TestContext, withTestApp } from '../support/test-app';

type Behaviour = 'ok' | '500' | 'hang' | 'close';

interface Received {
  id: string;
  type: string;
  raw: string;
  signature: string | undefined;
  contentType: string | undefined;
  /** When the receiver answered (never, for a hang or a closed connection). */
  answeredAt?: number;
  answered2xx: boolean;
}

/**
 * A real webhook receiver on 127.0.0.1 (STYLE.md: mock only what leaves the process, with a real
 * local one). It answers each event id by the script given for it (then 200), and dedupes by `id`
 * as API.md asks receivers to.
 */
class Receiver {
  readonly requests: Received[] = [];
  private readonly scripts = new Map<string, Behaviour[]>();
  private readonly hanging: ServerResponse[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook?t=1`;
  }

  script(eventId: string, behaviours: Behaviour[]): void {
    this.scripts.set(eventId, [...behaviours]);
  }

  /** Distinct event ids that were answered with a 2xx: what a deduping receiver processed. */
  processed(): string[] {
    return [...new Set(this.requests.filter((r) => r.answered2xx).map((r) => r.id))];
  }

  of(id: string): Received[] {
    return this.requests.filter((r) => r.id === id);
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = JSON.parse(raw) as { id: string; type: string };
    const entry: Received = {
      id: body.id,
      type: body.type,
      raw,
      signature: req.headers['x-huzhu-signature'] as string | undefined,
      contentType: req.headers['content-type'],
      answered2xx: false,
    };
    this.requests.push(entry);
    const behaviour = this.scripts.get(body.id)?.shift() ?? 'ok';
    if (behaviour === 'hang') {
      this.hanging.push(res);
      return;
    }
    if (behaviour === 'close') {
      req.socket.destroy();
      return;
    }
    entry.answeredAt = Date.now();
    if (behaviour === '500') {
      res.writeHead(500).end('boom');
      return;
    }
    entry.answered2xx = true;
    res.writeHead(204).end();
  }
}

const SECRET = 'receiver-shared-secret-0123456789';

const tick = (t: TestContext) => t.app.get(SchedulerService).tick('webhooks.deliver');

async function until(what: string, ok: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function eventIds(t: TestContext, soc: TestSociety<'secretary'>, type: string): Promise<string[]> {
  const { rows } = await t.db.query<{ id: string }>(
    `SELECT id FROM outbox_events WHERE society_id = $1 AND type = $2 ORDER BY occurred_at, id`,
    [soc.id, type],
  );
  return rows.map((r) => r.id);
}

async function deliveries(t: TestContext, soc: TestSociety<'secretary'>) {
  const res = await t.http.get(`${soc.url}/webhook/deliveries`).set(soc.secretary.auth).expect(200);
  return res.body.items as {
    eventId: string;
    type: string;
    status: string;
    attempts: number;
    lastError?: string;
    deliveredAt?: string;
  }[];
}

describe('Webhook delivery to a real local receiver (WEBHOOK_ALLOW_PRIVATE_NETWORKS=true)', () => {
  const log = logCapture();
  const t = withTestApp(
    { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', LOG_LEVEL: 'info' },
    { logStream: log.stream },
  );
  const receiver = new Receiver();

  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());
  afterEach(() => t.clock.reset());

  async function societyWithWebhook() {
    const soc = await t.fx.society({ board: 3 });
    await t.fx.donation(soc, { amountFen: 1_000_000 });
    await t.http
      .put(`${soc.url}/webhook`)
      .set(soc.secretary.auth)
      .send({ url: receiver.url, secret: SECRET })
      .expect(200);
    return soc;
  }

  it(
    'signed; a receiver failing twice (500, then hanging past 5 s) then recovering gets the event once more; ' +
      'the API call answered while the receiver hung',
    async () => {
      t.clock.set('2026-11-29T02:00:00Z');
      const soc = await societyWithWebhook();
      const approved = await t.fx.approvedCase(soc, { amountFen: 50_000 });
      const before = receiver.requests.length;
      // The vote's events (vote.opened, vote.decided) were raised by the fixture's use cases: deliver them first.
      await tick(t);
      const voteEvents = receiver.requests.slice(before).map((r) => r.type);
      expect(voteEvents.sort()).toEqual(['vote.decided', 'vote.opened']);

      // The change: a payment through the API. Its event is in the outbox when the POST answers.
      await t.http
        .post(`${soc.url}/cases/${approved.id}/payment`)
        .set(soc.treasurer.auth)
        .send({ amountFen: 50_000, account: 'bank' })
        .expect(201);
      const [paid] = await eventIds(t, soc, 'case.paid');
      receiver.script(paid, ['500', 'hang', 'ok']);

      // Attempt 1: 500.
      expect(await tick(t)).toMatchObject({ ran: true, done: 1, failed: false });
      expect(receiver.of(paid)).toHaveLength(1);
      expect((await deliveries(t, soc)).find((d) => d.eventId === paid)).toEqual({
        eventId: paid,
        type: 'case.paid',
        status: 'pending',
        attempts: 1,
        lastError: 'HTTP 500',
      });
      // Not due again before its backoff (10 s ± 20 %).
      t.clock.advance(7_000);
      expect(await tick(t)).toMatchObject({ ran: true, done: 0 });
      expect(receiver.of(paid)).toHaveLength(1);

      // Attempt 2: the receiver hangs. Meanwhile the secretary publishes the notice: the POST answers at once.
      t.clock.advance(8_000);
      let gaveUpAt = 0;
      const hungTick = tick(t).then((r) => {
        gaveUpAt = Date.now();
        return r;
      });
      await until('the second attempt', () => receiver.of(paid).length === 2);
      const startedAt = Date.now();
      const publish = await t.http
        .post(`${soc.url}/disclosures`)
        .set(soc.secretary.auth)
        .send({ caseIds: [approved.id] })
        .expect(201);
      const answeredAt = Date.now();
      expect(receiver.of(paid)[1].answeredAt).toBeUndefined(); // still hanging when the POST answered
      expect(gaveUpAt).toBe(0); // and the dispatcher still waiting for it
      const result = await hungTick;
      expect(result).toMatchObject({ ran: true, failed: false });
      expect(answeredAt).toBeLessThan(gaveUpAt);
      expect(gaveUpAt - startedAt).toBeGreaterThanOrEqual(4_000); // the 5 s timeout ran out after the POST
      const published = (await eventIds(t, soc, 'disclosure.published'))[0];
      expect(published).toBeDefined();
      const afterHang = await deliveries(t, soc);
      expect(afterHang.find((d) => d.eventId === paid)).toEqual({
        eventId: paid,
        type: 'case.paid',
        status: 'pending',
        attempts: 2,
        lastError: 'no answer within 5 s',
      });

      // Attempt 3, after the second backoff (20 s ± 20 %): the receiver has recovered.
      t.clock.advance(25_000);
      await tick(t);
      const final = await deliveries(t, soc);
      expect(final.find((d) => d.eventId === paid)).toEqual({
        eventId: paid,
        type: 'case.paid',
        status: 'delivered',
        attempts: 3,
        deliveredAt: t.clock.now().toISOString(),
      });
      expect(final.find((d) => d.eventId === published)).toMatchObject({ status: 'delivered', attempts: 1 });

      // Nothing more is sent, however long we wait.
      t.clock.advance(48 * 3_600_000);
      expect(await tick(t)).toMatchObject({ ran: true, done: 0 });
      expect(receiver.of(paid)).toHaveLength(3);

      // Each attempt carried the same signed body; the deduping receiver processed each change once.
      const bodies = new Set(receiver.of(paid).map((r) => r.raw));
      expect(bodies.size).toBe(1);
      for (const r of receiver.requests.filter((x) => [paid, published].includes(x.id))) {
        expect(r.contentType).toBe('application/json');
        expect(r.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
        expect(verifySignature(r.raw, SECRET, r.signature)).toBe(true);
        expect(verifySignature(r.raw, `${SECRET}x`, r.signature)).toBe(false);
      }
      const ofThisSociety = receiver.requests.filter((r) => JSON.parse(r.raw).societyId === soc.id);
      const types = ofThisSociety.filter((r) => r.answered2xx).map((r) => r.type);
      expect(types.sort()).toEqual(['case.paid', 'disclosure.published', 'vote.decided', 'vote.opened']);
      expect(new Set(ofThisSociety.filter((r) => r.answered2xx).map((r) => r.id)).size).toBe(4);

      const body = JSON.parse([...bodies][0]);
      expect(body).toEqual({
        id: paid,
        type: 'case.paid',
        societyId: soc.id,
        occurredAt: '2026-11-29T02:00:00.000Z',
        data: {
          caseId: approved.id,
          caseNo: approved.caseNo,
          amountFen: 50_000,
          account: 'bank',
          paidAt: '2026-11-29T02:00:00.000Z',
        },
      });
      expect(publish.status).toBe(201);

      // Both failures were logged with the event and the error; never the secret, the URL, the signature or the body.
      const failures = log
        .text()
        .split('\n')
        .filter((l) => l.includes('webhook delivery failed') && l.includes(paid));
      expect(failures).toHaveLength(2);
      expect(failures[0]).toContain('HTTP 500');
      expect(failures[1]).toContain('no answer within 5 s');
      const text = log.text();
      for (const leak of [
        SECRET,
        receiver.url,
        'hook?t=1',
        receiver.of(paid)[0].signature!,
        '"amountFen":50000',
      ])
        expect([leak, text.includes(leak)]).toEqual([leak, false]);
    },
    30_000,
  );

  it('a closed connection is a failed attempt, retried; 24 h after the event it is failed for good', async () => {
    t.clock.set('2026-11-30T02:00:00Z');
    const soc = await societyWithWebhook();
    const id = (await t.fx.tx(() => t.app.get(OutboxService).record(soc.id, 'case.paid', { caseNo: 'x' })))!;
    receiver.script(id, ['close', ...Array<Behaviour>(60).fill('500')]);
    await tick(t);
    const first = (await deliveries(t, soc))[0];
    expect(first).toMatchObject({ eventId: id, status: 'pending', attempts: 1 });
    expect(first.lastError).toMatch(/^connection failed \(/);

    // Every retry fails; each tick comes when the attempt is due, until 24 h after the event.
    let ticks = 0;
    for (;;) {
      const { rows } = await t.db.query<{ status: string; next_attempt_at: Date }>(
        `SELECT status, next_attempt_at FROM webhook_deliveries WHERE society_id = $1 AND event_id = $2`,
        [soc.id, id],
      );
      if (rows[0].status !== 'pending') break;
      t.clock.set(rows[0].next_attempt_at);
      await tick(t);
      ticks += 1;
      expect(ticks).toBeLessThan(40);
    }
    const last = (await deliveries(t, soc))[0];
    expect(last).toMatchObject({ eventId: id, status: 'failed', lastError: 'HTTP 500' });
    expect(last.attempts).toBe(receiver.of(id).length);
    expect(t.clock.now().toISOString()).toBe('2026-12-01T02:00:00.000Z'); // the last attempt: 24 h after
    expect(receiver.processed()).not.toContain(id);
  }, 30_000);

  it('connects to the address that was vetted, not to what the name resolves to at connect time', async () => {
    // A name that resolves nowhere, pinned to the receiver's address: the request still arrives there,
    // so the sender never asks the resolver again (no DNS rebinding between the check and the connect).
    const port = new URL(receiver.url).port;
    const id = '00000000-0000-4000-8000-000000000001';
    const body = JSON.stringify({ id, type: 'case.paid' });
    const outcome = await t.app
      .get(WebhookSender)
      .send(
        { url: new URL(`http://rebound.invalid:${port}/hook`), address: '127.0.0.1', family: 4 },
        body,
        SECRET,
      );
    expect(outcome).toEqual({ ok: true, status: 204 });
    expect(receiver.of(id)).toHaveLength(1);
    expect(verifySignature(receiver.of(id)[0].raw, SECRET, receiver.of(id)[0].signature)).toBe(true);
  });

  it('a webhook removed before delivery: its pending deliveries fail, nothing is sent', async () => {
    const soc = await societyWithWebhook();
    const id = (await t.fx.tx(() => t.app.get(OutboxService).record(soc.id, 'case.paid', {})))!;
    await t.http.delete(`${soc.url}/webhook`).set(soc.secretary.auth).expect(204);
    await tick(t);
    expect(receiver.of(id)).toHaveLength(0);
    const { rows } = await t.db.query(
      `SELECT status, attempts, last_error FROM webhook_deliveries WHERE society_id = $1 AND event_id = $2`,
      [soc.id, id],
    );
    expect(rows).toEqual([{ status: 'failed', attempts: 1, last_error: 'the webhook was removed' }]);
  });
});

describe('Webhook delivery re-checks the address (WEBHOOK_ALLOW_PRIVATE_NETWORKS off)', () => {
  const t = withTestApp();
  const receiver = new Receiver();

  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  it('a stored URL that now points inside is refused at delivery: nothing connects', async () => {
    const soc = await t.fx.society({ roles: ['secretary'] });
    await t.http
      .put(`${soc.url}/webhook`)
      .set(soc.secretary.auth)
      .send({ url: 'https://93.184.215.14/hook', secret: SECRET })
      .expect(200);
    // As if the name had been re-pointed since the PUT: the stored URL now reaches this machine.
    await t.db.query(`UPDATE webhooks SET url = $2 WHERE society_id = $1`, [soc.id, receiver.url]);
    const id = (await t.fx.tx(() => t.app.get(OutboxService).record(soc.id, 'case.paid', {})))!;
    await tick(t);
    expect(receiver.of(id)).toHaveLength(0);
    const [d] = await deliveries(t, soc);
    expect(d).toMatchObject({ eventId: id, status: 'pending', attempts: 1 });
    expect(d.lastError).toMatch(/^URL refused: must not point to an internal network address \(loopback\)/);
  });
});
