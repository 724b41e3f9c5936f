import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { Public } from '../../src/common/access/access.decorators';
import { AppError } from '../../src/common/errors/app-error';
import { RateLimit, RateLimiter } from '../../src/common/http/rate-limit';
import { ApiInt, ApiString } from '../../src/common/openapi/properties';
import { startTestApp, TestApp, withTestApp } from '../support/test-app';

/**
 * The shared rate limiter (src/common/http/rate-limit.ts). No route of the API uses it yet (public
 * objections will), so a test-only module adds public routes that do, as a controller would.
 */
class NoteDto {
  @ApiString({ example: '有异议' })
  @IsString()
  @MaxLength(20)
  text!: string;
}

class CountDto {
  @ApiInt({ example: 1 })
  n!: number;
}

let handled = 0;

@Controller('test/rate-limited')
class RateLimitedController {
  @Post('notes')
  @Public()
  @RateLimit('test-note', 3, '10m')
  @ApiCreatedResponse({ type: CountDto })
  note(@Body() _dto: NoteDto) {
    return { n: ++handled };
  }

  /** Another route in the same bucket: the two share one count per client. */
  @Post('notes-too')
  @Public()
  @RateLimit('test-note', 3, '10m')
  @ApiCreatedResponse({ type: CountDto })
  noteToo(@Body() _dto: NoteDto) {
    return { n: ++handled };
  }

  @Post('pings')
  @Public()
  @HttpCode(200)
  @RateLimit('test-ping', 1, '1m')
  @ApiOkResponse({ type: CountDto })
  ping() {
    return { n: ++handled };
  }
}

@Module({ controllers: [RateLimitedController] })
class RateLimitedRoutesModule {}

const MINUTE = 60_000;
// X-Forwarded-For is the client's address only from a trusted proxy: supertest connects from loopback.
const ENV = { TRUST_PROXY: 'loopback' };

describe('Rate limits shared by public POST routes (common/http/rate-limit.ts)', () => {
  const t = withTestApp(ENV, { imports: [RateLimitedRoutesModule] });
  let client = 0;
  /** A fresh client address for each test, so that tests do not share windows. */
  const freshClient = () => `198.51.100.${++client}`;

  const note = (from: string, body: object = { text: '有异议' }, app: TestApp = t, path = 'notes') =>
    app.http.post(`/api/v1/test/rate-limited/${path}`).set('X-Forwarded-For', from).send(body);
  const ping = (from: string) =>
    t.http.post('/api/v1/test/rate-limited/pings').set('X-Forwarded-For', from).send({});

  beforeEach(() => t.clock.set('2026-11-29T02:00:00Z'));
  afterEach(() => t.clock.reset());

  it('answers 429 RATE_LIMITED with Retry-After past the limit, per client address', async () => {
    const a = freshClient();
    for (let i = 0; i < 3; i++) await note(a).expect(201);
    const refused = await note(a).expect(429);
    expect(refused.headers['retry-after']).toBe('600');
    expect(refused.body).toMatchObject({
      statusCode: 429,
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: 600 },
    });
    expect(refused.body.message).toBe('请求过于频繁，请稍后再试');
    // Another client is not held back by this one.
    await note(freshClient()).expect(201);
    // Retry-After counts down with the clock.
    t.clock.advance(4 * MINUTE + 500);
    expect((await note(a).expect(429)).headers['retry-after']).toBe('360');
  });

  it('lets a client in again once the window has passed (by the Clock), with a fresh count', async () => {
    const a = freshClient();
    for (let i = 0; i < 3; i++) await note(a).expect(201);
    t.clock.advance(10 * MINUTE - 1000);
    expect((await note(a).expect(429)).headers['retry-after']).toBe('1');
    t.clock.advance(1000);
    for (let i = 0; i < 3; i++) await note(a).expect(201);
    await note(a).expect(429);
  });

  it('counts the IPv6 addresses of one /64 as one client', async () => {
    for (const host of ['1', '2', 'abcd']) await note(`2001:db8:77:1::${host}`).expect(201);
    await note('2001:db8:77:1:ffff::9').expect(429);
    await note('2001:db8:77:2::1').expect(201);
  });

  it('counts a request before its body is validated: invalid ones use up the limit too', async () => {
    const a = freshClient();
    for (const body of [{}, { text: 42 }, { text: 'x'.repeat(21) }]) {
      expect((await note(a, body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    await note(a).expect(429);
  });

  it('keeps buckets independent, and routes in one bucket share its count', async () => {
    const a = freshClient();
    await ping(a).expect(200);
    await ping(a).expect(429);
    // The ping bucket is spent; the note bucket is untouched, shared by its two routes.
    await note(a).expect(201);
    await note(a, undefined, t, 'notes-too').expect(201);
    await note(a).expect(201);
    await note(a, undefined, t, 'notes-too').expect(429);
    t.clock.advance(MINUTE);
    await ping(a).expect(200); // its own, shorter window
    await note(a).expect(429);
  });

  it('never lets more than the limit through when one client sends many requests at once', async () => {
    const a = freshClient();
    const answers = await Promise.all(Array.from({ length: 20 }, () => note(a)));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 201, 201, ...Array(17).fill(429)]);
  });

  it('holds across app instances: the window lives in PostgreSQL', async () => {
    const second = await startTestApp(ENV, {
      databaseUrl: t.config.DATABASE_URL,
      imports: [RateLimitedRoutesModule],
    });
    try {
      second.clock.set(t.clock.now());
      const a = freshClient();
      await note(a).expect(201);
      await note(a, undefined, second).expect(201);
      await note(a).expect(201);
      expect((await note(a, undefined, second).expect(429)).headers['retry-after']).toBe('600');
      await note(a).expect(429);
    } finally {
      await second.close();
    }
  });

  it('documents the 429 and its Retry-After header on the route', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body;
    const refused = doc.paths['/api/v1/test/rate-limited/notes'].post.responses['429'];
    expect(refused.description).toContain('more than 3 requests per 10m from one client address');
    expect(refused.headers['Retry-After']).toEqual({
      description: expect.any(String),
      schema: { type: 'integer', minimum: 1 },
    });
    expect(Object.keys(refused.content['application/json'].examples)).toEqual(['RATE_LIMITED']);
  });

  describe('RateLimiter.take (for a use case, or a key other than the client address)', () => {
    const take = (bucket: string, key: string, limit = 7, windowMs = 10 * MINUTE) =>
      t.run(() => t.app.get(RateLimiter).take(bucket, key, { limit, windowMs }));

    it('tells what remains of the window, and refuses past the limit', async () => {
      const resetsAt = new Date(t.clock.now().getTime() + 10 * MINUTE);
      expect(await take('intake', 'key-1', 2)).toEqual({ remaining: 1, resetsAt });
      t.clock.advance(MINUTE);
      expect(await take('intake', 'key-1', 2)).toEqual({ remaining: 0, resetsAt });
      await expect(take('intake', 'key-1', 2)).rejects.toMatchObject({
        code: 'RATE_LIMITED',
        details: { retryAfterSeconds: 540 },
      });
      expect(await take('intake', 'key-2', 2)).toMatchObject({ remaining: 1 });
      expect(await take('other', 'key-1', 2)).toMatchObject({ remaining: 1 });
    });

    it('never exceeds the limit under concurrent takes on separate connections', async () => {
      const settled = await Promise.allSettled(Array.from({ length: 40 }, () => take('burst', 'one-key')));
      const taken = settled.filter((r) => r.status === 'fulfilled').map((r) => r.value.remaining);
      expect(taken.sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
      for (const r of settled.filter((x) => x.status === 'rejected')) {
        expect(r.reason).toBeInstanceOf(AppError);
        expect(r.reason).toMatchObject({ code: 'RATE_LIMITED' });
      }
      const { rows } = await t.db.query(`SELECT hits FROM rate_limits WHERE bucket = 'burst'`);
      expect(rows).toEqual([{ hits: 8 }]); // counted up to limit + 1, however many were refused
    });

    it("prunes other keys' finished windows as it goes, a few per take", async () => {
      const count = async () =>
        (await t.db.query(`SELECT count(*)::int AS n FROM rate_limits WHERE bucket = 'prune'`)).rows[0].n;
      for (let i = 0; i < 5; i++) await take('prune', `old-${i}`, 1, MINUTE);
      expect(await count()).toBe(5);
      t.clock.advance(MINUTE);
      // The five windows are over. (Other tests' rows go, so that the oldest finished ones are these.)
      await t.db.query(`DELETE FROM rate_limits WHERE bucket <> 'prune'`);
      await take('prune', 'new', 1, MINUTE);
      expect(await count()).toBe(4); // 5 − 2 finished + 1 new
      // A refused take prunes too (and the key's own window is never among the pruned).
      await expect(take('prune', 'new', 1, MINUTE)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
      expect(await count()).toBe(2);
      // A key whose window is over starts afresh (whether its row was pruned yet or not).
      expect(await take('prune', 'old-0', 1, MINUTE)).toMatchObject({ remaining: 0 });
      expect(
        (await t.db.query(`SELECT key, hits FROM rate_limits WHERE bucket = 'prune' ORDER BY key`)).rows,
      ).toEqual([
        { key: 'new', hits: 2 },
        { key: 'old-0', hits: 1 },
      ]);
    });
  });
});
