import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { AuditService } from '../../src/audit/audit.service';
import { classifyAddress } from '../../src/notifications/domain/address-class';
import { OutboxService } from '../../src/notifications/outbox.service';
import { TestSociety } from '../support/fixtures';
import { withTestApp } from '../support/test-app';

/** API.md "Notifications (webhooks)": the secretary's webhook and its delivery log. */
describe('Webhooks', () => {
  const t = withTestApp();
  // A public address literal: the routes are about the config, nothing is delivered here (SCHEDULER off).
  const URL = 'https://93.184.215.14/huzhu?token=abc';
  const SECRET = 'a-long-shared-secret';

  const put = (
    soc: TestSociety<'secretary'>,
    body: object,
    who: { auth: { Authorization: string } } = soc.secretary,
  ) => t.http.put(`${soc.url}/webhook`).set(who.auth).send(body);

  afterEach(() => t.clock.reset());

  it('PUT sets the webhook (200, no secret), GET reads it, a second PUT replaces it, DELETE removes it', async () => {
    const soc = await t.fx.society();
    t.clock.set('2026-11-29T02:00:00Z');
    const first = await put(soc, { url: URL, secret: SECRET }).expect(200);
    expect(first.body).toEqual({
      url: URL,
      events: null,
      createdAt: '2026-11-29T02:00:00.000Z',
      updatedAt: '2026-11-29T02:00:00.000Z',
    });
    expect(JSON.stringify(first.body)).not.toContain(SECRET);
    expect((await t.http.get(`${soc.url}/webhook`).set(soc.secretary.auth).expect(200)).body).toEqual(
      first.body,
    );

    t.clock.set('2026-11-29T03:00:00Z');
    const events = ['case.paid', 'disclosure.overdue'];
    const second = await put(soc, { url: 'http://8.8.8.8:8080/h', secret: `${SECRET}2`, events }).expect(200);
    expect(second.body).toEqual({
      url: 'http://8.8.8.8:8080/h',
      events,
      createdAt: '2026-11-29T02:00:00.000Z',
      updatedAt: '2026-11-29T03:00:00.000Z',
    });

    // The secret is stored encrypted; the audit trail has the host only (a path may carry a token).
    const { rows } = await t.db.query<{ secret_enc: Buffer }>(
      `SELECT secret_enc FROM webhooks WHERE society_id = $1`,
      [soc.id],
    );
    expect(rows[0].secret_enc.includes(Buffer.from(SECRET))).toBe(false);
    const audit = await t.run(() => t.app.get(AuditService).list(soc.id, { limit: 200 }));
    const configured = audit.items.filter((e) => e.action === 'webhook.configured');
    expect(configured.map((e) => e.data)).toEqual([
      { host: '93.184.215.14', events: null },
      { host: '8.8.8.8:8080', events },
    ]);
    expect(JSON.stringify(audit.items)).not.toContain(SECRET);
    expect(JSON.stringify(audit.items)).not.toContain('token=abc');

    await t.http.delete(`${soc.url}/webhook`).set(soc.secretary.auth).expect(204);
    const gone = await t.http.get(`${soc.url}/webhook`).set(soc.secretary.auth).expect(404);
    expect(gone.body.code).toBe('NOT_FOUND');
    await t.http.delete(`${soc.url}/webhook`).set(soc.secretary.auth).expect(404);
    const after = await t.run(() => t.app.get(AuditService).list(soc.id, { limit: 200 }));
    expect(after.items.filter((e) => e.action === 'webhook.removed')).toHaveLength(1);
  });

  it('GET /webhook is 404 before one is set', async () => {
    const soc = await t.fx.society({ roles: ['secretary'] });
    const res = await t.http.get(`${soc.url}/webhook`).set(soc.secretary.auth).expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('only the secretary: every other role and outsiders get 403', async () => {
    const soc = await t.fx.society();
    const outsider = await t.fx.user();
    for (const who of [soc.board, soc.treasurer, soc.supervisor, soc.collector, outsider, t.admin]) {
      await put(soc, { url: URL, secret: SECRET }, who).expect(403);
      await t.http.get(`${soc.url}/webhook`).set(who.auth).expect(403);
      await t.http.get(`${soc.url}/webhook/deliveries`).set(who.auth).expect(403);
      await t.http.delete(`${soc.url}/webhook`).set(who.auth).expect(403);
    }
    await t.http.get(`${soc.url}/webhook`).expect(401);
  });

  it.each([
    ['not http(s)', { url: 'ftp://93.184.215.14/x' }, 'url'],
    ['file:', { url: 'file:///etc/passwd' }, 'url'],
    ['not a URL', { url: 'hooks.example.org/x' }, 'url'],
    ['credentials in the URL', { url: 'https://user:pw@93.184.215.14/' }, 'url'],
    ['loopback', { url: 'http://127.0.0.1/hook' }, 'url'],
    ['loopback elsewhere in 127/8', { url: 'http://127.1.2.3:8080/hook' }, 'url'],
    ['the cloud metadata address', { url: 'http://169.254.169.254/latest/meta-data/' }, 'url'],
    ['a private 10/8 address', { url: 'http://10.1.2.3/hook' }, 'url'],
    ['a private 172.16/12 address', { url: 'http://172.20.0.1/hook' }, 'url'],
    ['a private 192.168/16 address', { url: 'http://192.168.1.1/hook' }, 'url'],
    ['CGNAT', { url: 'http://100.64.0.1/hook' }, 'url'],
    ['the unspecified address', { url: 'http://0.0.0.0/hook' }, 'url'],
    ['IPv6 loopback', { url: 'http://[::1]/hook' }, 'url'],
    ['IPv6 link-local', { url: 'http://[fe80::1]/hook' }, 'url'],
    ['IPv6 unique-local', { url: 'http://[fd00::1]/hook' }, 'url'],
    ['IPv4-mapped loopback', { url: 'http://[::ffff:127.0.0.1]/hook' }, 'url'],
    ['a decimal loopback (WHATWG reads 2130706433 as 127.0.0.1)', { url: 'http://2130706433/hook' }, 'url'],
    ['localhost', { url: 'http://localhost:3000/hook' }, 'url'],
    ['a localhost subdomain', { url: 'http://api.localhost/hook' }, 'url'],
    ['a name that does not resolve', { url: 'https://no-such-host.invalid/hook' }, 'url'],
    ['a URL over 2000 characters', { url: `https://93.184.215.14/${'a'.repeat(2000)}` }, 'url'],
    ['a secret of 15 characters', { secret: 'a'.repeat(15) }, 'secret'],
    ['a blank secret', { secret: ' '.repeat(20) }, 'secret'],
    ['no secret', { secret: undefined }, 'secret'],
    ['an unknown event type', { events: ['case.filed'] }, 'events'],
    ['an empty event list', { events: [] }, 'events'],
    ['a repeated event type', { events: ['case.paid', 'case.paid'] }, 'events'],
  ])('400 VALIDATION_FAILED for %s', async (_what, change, field) => {
    const soc = await t.fx.society({ roles: ['secretary'] });
    const res = await put(soc, { url: URL, secret: SECRET, ...change }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.body.details)).toEqual([field]);
    await t.http.get(`${soc.url}/webhook`).set(soc.secretary.auth).expect(404); // nothing written
  });

  it("a name is judged by what it resolves to: this machine's own host name", async () => {
    // The host name usually resolves to a loopback or private address (127.0.1.1, a container's
    // 172.x); whatever it is, the answer follows the resolver, not the name.
    const soc = await t.fx.society({ roles: ['secretary'] });
    const name = hostname();
    const addresses = await lookup(name, { all: true }).catch(() => []);
    const internal = addresses.some((a) => classifyAddress(a.address) !== 'public');
    const res = await put(soc, { url: `http://${name}:9/hook`, secret: SECRET });
    if (addresses.length === 0 || internal) {
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.details)).toEqual(['url']);
    } else {
      expect(res.status).toBe(200);
    }
  });

  it('GET /webhook/deliveries: the log, newest first, keyset-paginated; only subscribed types are queued', async () => {
    const soc = await t.fx.society({ roles: ['secretary'] });
    await put(soc, { url: URL, secret: SECRET, events: ['case.paid', 'vote.opened'] }).expect(200);
    const outbox = t.app.get(OutboxService);
    const ids: string[] = [];
    for (const [i, type] of (['case.paid', 'vote.decided', 'vote.opened', 'case.paid'] as const).entries()) {
      t.clock.set(new Date(Date.UTC(2026, 10, 29, 4, i)));
      const id = await t.fx.tx(() => outbox.record(soc.id, type, { n: i }));
      ids.push(id!);
    }
    const page1 = await t.http
      .get(`${soc.url}/webhook/deliveries?limit=2`)
      .set(soc.secretary.auth)
      .expect(200);
    expect(page1.body.items).toEqual([
      { eventId: ids[3], type: 'case.paid', status: 'pending', attempts: 0 },
      { eventId: ids[2], type: 'vote.opened', status: 'pending', attempts: 0 },
    ]);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await t.http
      .get(`${soc.url}/webhook/deliveries?limit=2&cursor=${page1.body.nextCursor}`)
      .set(soc.secretary.auth)
      .expect(200);
    // vote.decided is not subscribed: recorded in the outbox, not queued.
    expect(page2.body).toEqual({
      items: [{ eventId: ids[0], type: 'case.paid', status: 'pending', attempts: 0 }],
      nextCursor: null,
    });
    const { rows } = await t.db.query(`SELECT type FROM outbox_events WHERE society_id = $1`, [soc.id]);
    expect(rows).toHaveLength(4);

    const bad = await t.http.get(`${soc.url}/webhook/deliveries?cursor=nonsense`).set(soc.secretary.auth);
    expect(bad.status).toBe(400);
  });

  it('without a webhook events are still recorded, and nothing is queued', async () => {
    const soc = await t.fx.society({ roles: ['secretary'] });
    await t.fx.tx(() => t.app.get(OutboxService).record(soc.id, 'case.paid', { caseNo: '2026-0001' }));
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM webhook_deliveries WHERE society_id = $1`,
      [soc.id],
    );
    expect(rows[0].n).toBe(0);
    const res = await t.http.get(`${soc.url}/webhook/deliveries`).set(soc.secretary.auth).expect(200);
    expect(res.body).toEqual({ items: [], nextCursor: null });
  });

  it('a dedupe key raises an event once', async () => {
    const soc = await t.fx.society({ roles: ['secretary'] });
    const outbox = t.app.get(OutboxService);
    const first = await t.fx.tx(() => outbox.record(soc.id, 'disclosure.overdue', {}, { dedupeKey: 'k1' }));
    const again = await t.fx.tx(() => outbox.record(soc.id, 'disclosure.overdue', {}, { dedupeKey: 'k1' }));
    expect(first).toEqual(expect.any(String));
    expect(again).toBeNull();
  });
});
