import { SOCIETY_ROLES, SocietyRole } from '../../src/common/access/roles';
import { WebhooksService } from '../../src/notifications/webhooks.service';
import { TEST_PASSWORD, TestSociety, TestUser } from '../support/fixtures';
import { TestContext, withTestApp } from '../support/test-app';
import { disputedCase } from '../support/dispute-fixtures';
import { objection, paidCase, publish } from '../support/disclosure-fixtures';
import { openVote } from '../support/vote-fixtures';
import { intakeKey, lead, warningBody } from '../support/lead-fixtures';

/**
 * Every route × every role (API.md "Roles"), including anonymous callers and
 * signed-in users with no role in the society. Writes use fresh, valid bodies so "allowed" means the
 * action really succeeds.
 */
type Who = 'anonymous' | 'outsider' | SocietyRole | 'admin' | 'overseer';
const WHO: Who[] = [
  'anonymous',
  'outsider',
  'secretary',
  'board',
  'treasurer',
  'supervisor',
  'collector',
  'admin',
  'overseer',
];

interface Ctx {
  t: TestContext;
  sid: string;
  admin: TestUser;
  treasurer: TestUser;
  donorId: string;
  society: TestSociety;
}

/** A fresh draft filed by the society's collector (their own: the collector's rule lets them in). */
async function draft(c: Ctx, by = c.society.collector): Promise<string> {
  return (await c.t.fx.case(c.society, { by })).id;
}

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

/** A fresh document on a fresh collector's draft. */
async function document(c: Ctx): Promise<{ cid: string; aid: string }> {
  const cid = await draft(c);
  const res = await c.t.http
    .post(`/api/v1/societies/${c.sid}/cases/${cid}/attachments`)
    .set(c.society.secretary.auth)
    .field('kind', 'diagnosis')
    .attach('file', JPEG, 'a.jpg');
  return { cid, aid: (res.body as { id: string }).id };
}

const caseBody = () => ({
  applicant: { name: '矩阵某', idNumber: '11010519491231002X' },
  category: 'accident',
  description: '测试',
  source: 'hotline',
  requestedAmountFen: 1000,
});

/** A fresh gift recorded by the society's treasurer, for routes that need one. */
async function gift(c: Ctx, amountFen = 100): Promise<string> {
  const res = await c.t.http
    .post(`/api/v1/societies/${c.sid}/donations`)
    .set(c.treasurer.auth)
    .send({ donorId: c.donorId, amountFen, receivedAt: '2026-11-29', channel: 'cash' });
  return (res.body as { id: string }).id;
}

/** A fresh open vote on a fresh secretary's draft, its amount given to the fund first. */
async function vote(c: Ctx, mode: 'remote' | 'meeting' = 'remote'): Promise<string> {
  const cid = await draft(c, c.society.secretary);
  await c.t.fx.donation(c.society, { amountFen: 1000 });
  await openVote(c.t, c.society, cid, { amountFen: 1000, mode });
  return `/api/v1/societies/${c.sid}/cases/${cid}/vote`;
}

/** A fresh paid case (its amount given to the fund first). */
async function paid(c: Ctx): Promise<string> {
  await c.t.fx.donation(c.society, { amountFen: 1000 });
  return (await paidCase(c.t, c.society, { amountFen: 1000 })).id;
}

/** A fresh notice of a fresh paid case. */
async function notice(c: Ctx): Promise<string> {
  return (await publish(c.t, c.society, [await paid(c)])).id;
}

/** A public address literal (nothing is delivered: the scheduler is off in tests). */
const WEBHOOK_URL = 'https://93.184.215.14/huzhu';
const WEBHOOK_SECRET = 'a-long-shared-secret';

/** The society's webhook, set through WebhooksService by its secretary. */
async function webhook(c: Ctx): Promise<void> {
  const webhooks = c.t.app.get(WebhooksService);
  await c.t.fx.tx(() =>
    webhooks.put(c.sid, { url: WEBHOOK_URL, secret: WEBHOOK_SECRET }, c.society.secretary),
  );
}

interface RouteCase {
  route: string;
  call: (c: Ctx, who: TestUser | null) => Promise<{ status: number }>;
  /** Expected status per caller, in WHO order. */
  expect: number[];
}

let n = 0;
const fresh = () => `m${++n}_${Date.now().toString(36)}`;
const send = (
  c: Ctx,
  who: TestUser | null,
  method: 'get' | 'post' | 'put' | 'patch' | 'delete',
  url: string,
  body?: object,
) => {
  const req = c.t.http[method](url);
  if (who) req.set(who.auth);
  return body ? req.send(body) : req;
};

//                 anon outs  sec  board treas sup  coll admin overs
const CASES: RouteCase[] = [
  {
    route: 'GET /auth/me',
    call: (c, w) => send(c, w, 'get', '/api/v1/auth/me'),
    expect: [401, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    // Any signed-in user; each sees their own tasks only (test/e2e/me-tasks.e2e-spec.ts).
    route: 'GET /me/tasks',
    call: (c, w) => send(c, w, 'get', '/api/v1/me/tasks'),
    expect: [401, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    route: 'POST /auth/password',
    call: (c, w) =>
      send(c, w, 'post', '/api/v1/auth/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: TEST_PASSWORD,
      }),
    // Signed-in callers get past access control to validation (same password twice is a 400).
    expect: [401, 400, 400, 400, 400, 400, 400, 400, 400],
  },
  {
    route: 'POST /users',
    call: (c, w) =>
      send(c, w, 'post', '/api/v1/users', {
        username: fresh(),
        password: 'a long passphrase',
        displayName: '新用户',
      }),
    expect: [401, 403, 403, 403, 403, 403, 403, 201, 403],
  },
  {
    route: 'GET /users',
    call: (c, w) => send(c, w, 'get', '/api/v1/users'),
    expect: [401, 403, 403, 403, 403, 403, 403, 200, 403],
  },
  {
    route: 'POST /societies',
    call: (c, w) => send(c, w, 'post', '/api/v1/societies', { name: fresh(), regionCode: '341702001001' }),
    expect: [401, 403, 403, 403, 403, 403, 403, 201, 403],
  },
  {
    route: 'GET /societies',
    call: (c, w) => send(c, w, 'get', '/api/v1/societies'),
    expect: [401, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    route: 'GET /societies/:sid',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}`),
    expect: [401, 403, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    route: 'PATCH /societies/:sid',
    call: (c, w) => send(c, w, 'patch', `/api/v1/societies/${c.sid}`, { address: fresh() }),
    expect: [401, 403, 200, 403, 403, 403, 403, 200, 403],
  },
  {
    route: 'GET /societies/:sid/members',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/members`),
    expect: [401, 403, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    route: 'POST /societies/:sid/members',
    call: async (c, w) => {
      const user = await c.t.fx.user();
      return send(c, w, 'post', `/api/v1/societies/${c.sid}/members`, {
        userId: user.id,
        roles: ['collector'],
      });
    },
    expect: [401, 403, 201, 403, 403, 403, 403, 201, 403],
  },
  {
    route: 'PATCH /societies/:sid/members/:userId',
    call: async (c, w) => {
      const m = await c.t.fx.member({ id: c.sid }, ['collector']);
      return send(c, w, 'patch', `/api/v1/societies/${c.sid}/members/${m.id}`, { roles: ['board'] });
    },
    expect: [401, 403, 200, 403, 403, 403, 403, 200, 403],
  },
  {
    route: 'DELETE /societies/:sid/members/:userId',
    call: async (c, w) => {
      const m = await c.t.fx.member({ id: c.sid }, ['collector']);
      return send(c, w, 'delete', `/api/v1/societies/${c.sid}/members/${m.id}`);
    },
    expect: [401, 403, 204, 403, 403, 403, 403, 204, 403],
  },
  {
    route: 'GET /societies/:sid/audit',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/audit`),
    expect: [401, 403, 200, 403, 403, 200, 403, 200, 200],
  },
  {
    route: 'GET /societies/:sid/audit/verification',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/audit/verification`),
    expect: [401, 403, 200, 403, 403, 200, 403, 200, 200],
  },
  {
    route: 'GET /societies/:sid/export/cases.csv',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/export/cases.csv`),
    expect: [401, 403, 200, 200, 200, 200, 403, 403, 200],
  },
  {
    route: 'GET /societies/:sid/export/donations.csv',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/export/donations.csv`),
    expect: [401, 403, 200, 403, 200, 200, 403, 403, 200],
  },
  {
    route: 'GET /societies/:sid/export/entries.csv',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/export/entries.csv`),
    expect: [401, 403, 200, 200, 200, 200, 403, 403, 200],
  },
  {
    route: 'GET /oversight/societies',
    call: (c, w) => send(c, w, 'get', '/api/v1/oversight/societies'),
    expect: [401, 403, 403, 403, 403, 403, 403, 200, 200],
  },
  {
    route: 'GET /audit',
    call: (c, w) => send(c, w, 'get', '/api/v1/audit'),
    expect: [401, 403, 403, 403, 403, 403, 403, 200, 200],
  },
  {
    route: 'GET /audit/verification',
    call: (c, w) => send(c, w, 'get', '/api/v1/audit/verification'),
    expect: [401, 403, 403, 403, 403, 403, 403, 200, 200],
  },
  {
    route: 'GET /societies/:sid/fund',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/fund`),
    expect: [401, 403, 200, 200, 200, 200, 403, 403, 200],
  },
  {
    route: 'GET /societies/:sid/fund/entries',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/fund/entries`),
    expect: [401, 403, 200, 200, 200, 200, 403, 403, 200],
  },
  {
    route: 'GET /societies/:sid/fund/reconciliation',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/fund/reconciliation`),
    expect: [401, 403, 200, 200, 200, 200, 403, 403, 200],
  },
  {
    route: 'GET /societies/:sid/statements/:period',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/statements/2026-01`),
    expect: [401, 403, 200, 200, 200, 200, 403, 403, 200],
  },
  {
    route: 'GET /societies/:sid/statements/:period.pdf',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/statements/2026-01.pdf`),
    expect: [401, 403, 200, 200, 200, 200, 403, 403, 200],
  },
  {
    route: 'GET /societies/:sid/statements/:period.csv',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/statements/2026-01.csv`),
    expect: [401, 403, 200, 200, 200, 200, 403, 403, 200],
  },
  {
    route: 'POST /societies/:sid/fund/transfers',
    call: async (c, w) => {
      await gift(c);
      return send(c, w, 'post', `/api/v1/societies/${c.sid}/fund/transfers`, {
        from: 'cash',
        to: 'bank',
        amountFen: 100,
      });
    },
    expect: [401, 403, 403, 403, 201, 403, 403, 403, 403],
  },
  {
    route: 'POST /societies/:sid/donors',
    call: (c, w) =>
      send(c, w, 'post', `/api/v1/societies/${c.sid}/donors`, { kind: 'individual', name: fresh() }),
    expect: [401, 403, 403, 403, 201, 403, 403, 403, 403],
  },
  {
    route: 'GET /societies/:sid/donors',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/donors`),
    expect: [401, 403, 200, 403, 200, 200, 403, 403, 200],
  },
  {
    route: 'GET /societies/:sid/donors/:did',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/donors/${c.donorId}`),
    expect: [401, 403, 200, 403, 200, 200, 403, 403, 200],
  },
  {
    route: 'POST /societies/:sid/donations',
    call: (c, w) =>
      send(c, w, 'post', `/api/v1/societies/${c.sid}/donations`, {
        donorId: c.donorId,
        amountFen: 100,
        receivedAt: '2026-11-29',
        channel: 'cash',
      }),
    expect: [401, 403, 403, 403, 201, 403, 403, 403, 403],
  },
  {
    route: 'GET /societies/:sid/donations',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/donations`),
    expect: [401, 403, 200, 403, 200, 200, 403, 403, 200],
  },
  {
    route: 'GET /societies/:sid/donations/:id',
    call: async (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/donations/${await gift(c)}`),
    expect: [401, 403, 200, 403, 200, 200, 403, 403, 200],
  },
  {
    route: 'POST /societies/:sid/donations/:id/void',
    call: async (c, w) =>
      send(c, w, 'post', `/api/v1/societies/${c.sid}/donations/${await gift(c)}/void`, { reason: '测试' }),
    expect: [401, 403, 403, 403, 200, 403, 403, 403, 403],
  },
  {
    route: 'POST /societies/:sid/cases',
    call: (c, w) => send(c, w, 'post', `/api/v1/societies/${c.sid}/cases`, caseBody()),
    expect: [401, 403, 201, 403, 403, 403, 201, 403, 403],
  },
  {
    route: 'GET /societies/:sid/cases',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/cases`),
    expect: [401, 403, 200, 200, 200, 200, 200, 403, 200],
  },
  {
    route: "GET /societies/:sid/cases/:cid (the collector's own draft)",
    call: async (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/cases/${await draft(c)}`),
    expect: [401, 403, 200, 200, 200, 200, 200, 403, 200],
  },
  {
    route: "GET /societies/:sid/cases/:cid (the secretary's draft)",
    call: async (c, w) =>
      send(c, w, 'get', `/api/v1/societies/${c.sid}/cases/${await draft(c, c.society.secretary)}`),
    expect: [401, 403, 200, 200, 200, 200, 404, 403, 200],
  },
  {
    route: 'PATCH /societies/:sid/cases/:cid',
    call: async (c, w) =>
      send(c, w, 'patch', `/api/v1/societies/${c.sid}/cases/${await draft(c)}`, { description: fresh() }),
    expect: [401, 403, 200, 403, 403, 403, 200, 403, 403],
  },
  {
    route: 'POST /societies/:sid/cases/:cid/reveal',
    call: async (c, w) => send(c, w, 'post', `/api/v1/societies/${c.sid}/cases/${await draft(c)}/reveal`),
    expect: [401, 403, 200, 403, 403, 200, 403, 403, 403],
  },
  {
    route: 'POST /societies/:sid/cases/:cid/withdraw',
    call: async (c, w) =>
      send(c, w, 'post', `/api/v1/societies/${c.sid}/cases/${await draft(c)}/withdraw`, { reason: '测试' }),
    expect: [401, 403, 200, 403, 403, 403, 200, 403, 403],
  },
  {
    route: 'POST /societies/:sid/cases/:cid/attachments',
    call: async (c, w) => {
      const req = c.t.http.post(`/api/v1/societies/${c.sid}/cases/${await draft(c)}/attachments`);
      if (w) req.set(w.auth);
      return req.field('kind', 'bill').attach('file', JPEG, 'a.jpg');
    },
    expect: [401, 403, 201, 403, 403, 403, 201, 403, 403],
  },
  {
    route: 'GET /societies/:sid/cases/:cid/attachments',
    call: async (c, w) =>
      send(c, w, 'get', `/api/v1/societies/${c.sid}/cases/${(await document(c)).cid}/attachments`),
    expect: [401, 403, 200, 200, 200, 200, 200, 403, 403],
  },
  {
    route: 'GET /societies/:sid/cases/:cid/attachments/:aid',
    call: async (c, w) => {
      const { cid, aid } = await document(c);
      return send(c, w, 'get', `/api/v1/societies/${c.sid}/cases/${cid}/attachments/${aid}`);
    },
    expect: [401, 403, 200, 200, 200, 200, 200, 403, 403],
  },
  {
    route: 'DELETE /societies/:sid/cases/:cid/attachments/:aid',
    call: async (c, w) => {
      const { cid, aid } = await document(c);
      return send(c, w, 'delete', `/api/v1/societies/${c.sid}/cases/${cid}/attachments/${aid}`);
    },
    expect: [401, 403, 204, 403, 403, 403, 204, 403, 403],
  },
  {
    route: 'POST /societies/:sid/cases/:cid/payment',
    call: async (c, w) => {
      await gift(c, 1000);
      const approved = await c.t.fx.approvedCase(c.society, { amountFen: 1000 });
      return send(c, w, 'post', `/api/v1/societies/${c.sid}/cases/${approved.id}/payment`, {
        amountFen: 1000,
        account: 'cash',
      });
    },
    expect: [401, 403, 403, 403, 201, 403, 403, 403, 403],
  },
  {
    route: 'POST /societies/:sid/cases/:cid/recovery',
    call: async (c, w) => {
      await gift(c, 1000);
      const disputed = await disputedCase(c.t, c.society, { amountFen: 1000, account: 'cash' });
      return send(c, w, 'post', `/api/v1/societies/${c.sid}/cases/${disputed.id}/recovery`, {
        amountFen: 1000,
        account: 'cash',
      });
    },
    expect: [401, 403, 403, 403, 201, 403, 403, 403, 403],
  },
  {
    route: 'POST /societies/:sid/cases/:cid/clear',
    call: async (c, w) => {
      await gift(c, 1000);
      const disputed = await disputedCase(c.t, c.society, { amountFen: 1000, account: 'cash' });
      return send(c, w, 'post', `/api/v1/societies/${c.sid}/cases/${disputed.id}/clear`, { reason: '测试' });
    },
    expect: [401, 403, 403, 403, 403, 200, 403, 403, 403],
  },
  {
    route: 'POST /societies/:sid/cases/:cid/vote',
    call: async (c, w) => {
      const cid = await draft(c, c.society.secretary);
      await c.t.fx.donation(c.society, { amountFen: 1000 });
      return send(c, w, 'post', `/api/v1/societies/${c.sid}/cases/${cid}/vote`, { amountFen: 1000 });
    },
    expect: [401, 403, 201, 403, 403, 403, 403, 403, 403],
  },
  {
    route: 'GET /societies/:sid/cases/:cid/vote',
    call: async (c, w) => send(c, w, 'get', await vote(c)),
    expect: [401, 403, 200, 200, 200, 200, 403, 403, 200],
  },
  {
    route: 'POST /societies/:sid/cases/:cid/vote/ballots (own ballot)',
    call: async (c, w) => send(c, w, 'post', `${await vote(c)}/ballots`, { choice: 'approve' }),
    // The secretary gets past the route to the vote's rule: not an eligible voter (NOT_ELIGIBLE).
    expect: [401, 403, 403, 201, 403, 403, 403, 403, 403],
  },
  {
    route: 'POST /societies/:sid/cases/:cid/vote/ballots (recorded at a meeting)',
    call: async (c, w) =>
      send(c, w, 'post', `${await vote(c, 'meeting')}/ballots`, {
        voterId: c.society.board.id,
        choice: 'approve',
      }),
    expect: [401, 403, 201, 403, 403, 403, 403, 403, 403],
  },
  {
    route: 'POST /societies/:sid/cases/:cid/vote/recusal',
    call: async (c, w) => send(c, w, 'post', `${await vote(c)}/recusal`, { reason: '回避' }),
    expect: [401, 403, 403, 200, 403, 403, 403, 403, 403],
  },
  {
    route: 'POST /societies/:sid/cases/:cid/vote/close',
    call: async (c, w) => send(c, w, 'post', `${await vote(c)}/close`),
    expect: [401, 403, 200, 403, 403, 403, 403, 403, 403],
  },
  {
    route: 'GET /societies/:sid/votes/pending-mine',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/votes/pending-mine`),
    expect: [401, 403, 200, 200, 200, 200, 200, 403, 403],
  },
  {
    route: 'POST /societies/:sid/disclosures',
    call: async (c, w) =>
      send(c, w, 'post', `/api/v1/societies/${c.sid}/disclosures`, { caseIds: [await paid(c)] }),
    expect: [401, 403, 201, 403, 403, 403, 403, 403, 403],
  },
  {
    route: 'GET /societies/:sid/disclosures',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/disclosures`),
    expect: [401, 403, 200, 200, 200, 200, 403, 403, 200],
  },
  {
    route: 'GET /societies/:sid/disclosures/awaiting',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/disclosures/awaiting`),
    expect: [401, 403, 200, 200, 200, 200, 403, 403, 200],
  },
  {
    route: 'GET /societies/:sid/disclosures/:did',
    call: async (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/disclosures/${await notice(c)}`),
    expect: [401, 403, 200, 200, 200, 200, 403, 403, 200],
  },
  {
    route: 'POST /societies/:sid/disclosures/:did/withdraw',
    call: async (c, w) =>
      send(c, w, 'post', `/api/v1/societies/${c.sid}/disclosures/${await notice(c)}/withdraw`, {
        reason: '测试',
      }),
    expect: [401, 403, 200, 403, 403, 403, 403, 403, 403],
  },
  {
    route: 'GET /societies/:sid/objections',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/objections`),
    expect: [401, 403, 200, 403, 403, 200, 403, 403, 200],
  },
  {
    route: 'GET /societies/:sid/objections/:oid',
    call: async (c, w) => {
      const { id } = await objection(c.t, await notice(c));
      return send(c, w, 'get', `/api/v1/societies/${c.sid}/objections/${id}`);
    },
    expect: [401, 403, 200, 403, 403, 200, 403, 403, 200],
  },
  {
    route: 'POST /societies/:sid/objections/:oid/resolution',
    call: async (c, w) => {
      const { id } = await objection(c.t, await notice(c));
      return send(c, w, 'post', `/api/v1/societies/${c.sid}/objections/${id}/resolution`, {
        decision: 'dismissed',
        response: '不成立',
      });
    },
    expect: [401, 403, 403, 403, 403, 200, 403, 403, 403],
  },
  {
    route: 'POST /societies/:sid/intake-keys',
    call: (c, w) => send(c, w, 'post', `/api/v1/societies/${c.sid}/intake-keys`, { name: fresh() }),
    expect: [401, 403, 201, 403, 403, 403, 403, 201, 403],
  },
  {
    route: 'GET /societies/:sid/intake-keys',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/intake-keys`),
    expect: [401, 403, 200, 403, 403, 403, 403, 200, 403],
  },
  {
    route: 'DELETE /societies/:sid/intake-keys/:kid',
    call: async (c, w) =>
      send(c, w, 'delete', `/api/v1/societies/${c.sid}/intake-keys/${(await intakeKey(c.t, c.society)).id}`),
    expect: [401, 403, 204, 403, 403, 403, 403, 204, 403],
  },
  {
    route: 'GET /societies/:sid/leads',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/leads`),
    expect: [401, 403, 200, 403, 403, 403, 200, 403, 403],
  },
  {
    route: 'POST /societies/:sid/leads/:lid/convert',
    call: async (c, w) =>
      send(c, w, 'post', `/api/v1/societies/${c.sid}/leads/${await lead(c.t, c.society)}/convert`, {
        category: 'serious_illness',
        requestedAmountFen: 1000,
      }),
    expect: [401, 403, 201, 403, 403, 403, 201, 403, 403],
  },
  {
    route: 'POST /societies/:sid/leads/:lid/dismiss',
    call: async (c, w) =>
      send(c, w, 'post', `/api/v1/societies/${c.sid}/leads/${await lead(c.t, c.society)}/dismiss`, {
        reason: '测试',
      }),
    expect: [401, 403, 200, 403, 403, 403, 200, 403, 403],
  },
  // The monitoring platforms' intake takes an intake key, never a user's token (roles do not matter).
  {
    route: 'POST /intake/warnings',
    call: (c, w) => send(c, w, 'post', '/api/v1/intake/warnings', warningBody()),
    expect: [401, 401, 401, 401, 401, 401, 401, 401, 401],
  },
  {
    route: 'PUT /societies/:sid/webhook',
    call: (c, w) =>
      send(c, w, 'put', `/api/v1/societies/${c.sid}/webhook`, { url: WEBHOOK_URL, secret: WEBHOOK_SECRET }),
    expect: [401, 403, 200, 403, 403, 403, 403, 403, 403],
  },
  {
    route: 'GET /societies/:sid/webhook',
    call: async (c, w) => {
      await webhook(c);
      return send(c, w, 'get', `/api/v1/societies/${c.sid}/webhook`);
    },
    expect: [401, 403, 200, 403, 403, 403, 403, 403, 403],
  },
  {
    route: 'DELETE /societies/:sid/webhook',
    call: async (c, w) => {
      await webhook(c);
      return send(c, w, 'delete', `/api/v1/societies/${c.sid}/webhook`);
    },
    expect: [401, 403, 204, 403, 403, 403, 403, 403, 403],
  },
  {
    route: 'GET /societies/:sid/webhook/deliveries',
    call: (c, w) => send(c, w, 'get', `/api/v1/societies/${c.sid}/webhook/deliveries`),
    expect: [401, 403, 200, 403, 403, 403, 403, 403, 403],
  },
  // The public routes: anyone, signed in or not.
  {
    route: 'GET /public/societies/:sid',
    call: (c, w) => send(c, w, 'get', `/api/v1/public/societies/${c.sid}`),
    expect: [200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    route: 'GET /public/societies/:sid/disclosures',
    call: (c, w) => send(c, w, 'get', `/api/v1/public/societies/${c.sid}/disclosures`),
    expect: [200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    route: 'GET /public/disclosures/:did',
    call: async (c, w) => send(c, w, 'get', `/api/v1/public/disclosures/${await notice(c)}`),
    expect: [200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    route: 'POST /public/disclosures/:did/objections',
    call: async (c, w) =>
      send(c, w, 'post', `/api/v1/public/disclosures/${await notice(c)}/objections`, { content: '有误' }),
    expect: [201, 201, 201, 201, 201, 201, 201, 201, 201],
  },
  {
    route: 'GET /public/objections/:trackingCode',
    call: async (c, w) =>
      send(c, w, 'get', `/api/v1/public/objections/${(await objection(c.t, await notice(c))).trackingCode}`),
    expect: [200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    route: 'GET /public/societies/:sid/audit-head',
    call: (c, w) => send(c, w, 'get', `/api/v1/public/societies/${c.sid}/audit-head`),
    expect: [200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    route: 'GET /public/societies/:sid/audit-head/:seq',
    call: (c, w) => send(c, w, 'get', `/api/v1/public/societies/${c.sid}/audit-head/1`),
    expect: [200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    route: 'GET /public/societies/:sid/statements/:period',
    call: (c, w) => send(c, w, 'get', `/api/v1/public/societies/${c.sid}/statements/2026-01`),
    expect: [200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    route: 'GET /public/societies/:sid/statements/:period.pdf',
    call: (c, w) => send(c, w, 'get', `/api/v1/public/societies/${c.sid}/statements/2026-01.pdf`),
    expect: [200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    route: 'GET /health',
    call: (c, w) => send(c, w, 'get', '/health'),
    expect: [200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
];

describe('Role matrix: every route × every role', () => {
  const t = withTestApp();
  let c: Ctx;
  const callers = new Map<Who, TestUser | null>();

  beforeAll(async () => {
    const society = await t.fx.society();
    const donor = await t.fx.donor(society, { name: '矩阵捐赠人' });
    c = { t, sid: society.id, admin: t.admin, treasurer: society.treasurer, donorId: donor.id, society };
    callers.set('anonymous', null);
    for (const role of SOCIETY_ROLES) callers.set(role, society[role]);
    callers.set('admin', t.admin);
    callers.set('overseer', await t.fx.user({ platformRole: 'overseer' }));
    // A member of another society only: as good as an outsider here.
    callers.set('outsider', (await t.fx.society({ roles: ['secretary'] })).secretary);
  });

  it.each(CASES.map((k) => [k.route, k] as const))('%s', async (_route, k) => {
    const got: number[] = [];
    for (const who of WHO) got.push((await k.call(c, callers.get(who)!)).status);
    expect(Object.fromEntries(WHO.map((w, i) => [w, got[i]]))).toEqual(
      Object.fromEntries(WHO.map((w, i) => [w, k.expect[i]])),
    );
  });

  it('answers 404 (not 403) to platform roles for a society that does not exist', async () => {
    const missing = '00000000-0000-4000-8000-00000000abcd';
    for (const who of ['admin', 'overseer'] as const) {
      const res = await send(c, callers.get(who)!, 'get', `/api/v1/societies/${missing}/members`);
      expect([who, res.status]).toEqual([who, 404]);
    }
    const res = await send(c, callers.get('secretary')!, 'get', `/api/v1/societies/${missing}/members`);
    expect(res.status).toBe(403);
  });
});
