import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { AppModule } from '../../src/app.module';
import { Public, SocietyParam } from '../../src/common/access/access.decorators';
import { AllExceptionsFilter } from '../../src/common/errors/all-exceptions.filter';
import { Idempotent, PLATFORM_SCOPE } from '../../src/common/http/idempotency';
import { IdParam } from '../../src/common/http/uuid.pipe';
import { loadConfig } from '../../src/config/app-config';
import { createTestDatabase } from '../setup/test-server';
import { TEST_PII_KEY } from '../support/test-app';

/**
 * `@Idempotent()` on routes outside any society (the public objection POST will be one). No such
 * route exists yet, so a test-only module adds two to the real application: one without a society,
 * one under a society named by @SocietyParam. Each answers how many times its handler ran, so a
 * replay is visible as the same count.
 */
let runs = 0;

@Controller('test/objections')
class PlatformRouteController {
  @Post()
  @Public()
  @Idempotent()
  create(@Body() body: object) {
    return { run: ++runs, body };
  }
}

@Controller('test/societies/:sid/objections')
@SocietyParam('sid')
class SocietyRouteController {
  @Post()
  @Public()
  @Idempotent()
  @HttpCode(200)
  create(@IdParam('sid', 'society') sid: string, @Body() body: object) {
    return { run: ++runs, sid, body };
  }
}

@Module({ controllers: [PlatformRouteController, SocietyRouteController] })
class TestRoutesModule {}

describe('Idempotency-Key on a route without :sid (common/http/idempotency.ts)', () => {
  let app: NestFastifyApplication;
  let http: TestAgent;
  let db: Client;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    const config = loadConfig({
      DATABASE_URL: database.url,
      JWT_SECRET: randomBytes(32).toString('hex'),
      PII_KEY: TEST_PII_KEY,
      LOG_LEVEL: 'silent',
    });
    app = await NestFactory.create<NestFastifyApplication>(
      { module: TestRoutesModule, imports: [AppModule.forRoot(config)] },
      new FastifyAdapter(),
      { logger: false },
    );
    app.useGlobalFilters(new AllExceptionsFilter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    http = request(app.getHttpServer());
    db = new Client({ connectionString: database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await app.close();
    await drop();
  });

  const post = (url: string, key: string | null, body: object) => {
    const req = http.post(url);
    if (key !== null) req.set('Idempotency-Key', key);
    return req.send(body);
  };

  it('keeps the key under the platform scope, not NULL, and replays the first answer', async () => {
    const first = await post('/test/objections', 'platform-key-1', { text: '有异议' }).expect(201);
    const again = await post('/test/objections', 'platform-key-1', { text: '有异议' }).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const { rows } = await db.query(
      `SELECT society_id, status_code, response_body FROM idempotency_keys WHERE key = 'platform-key-1'`,
    );
    expect(rows).toEqual([
      { society_id: PLATFORM_SCOPE, status_code: 201, response_body: JSON.stringify(first.body) },
    ]);
  });

  it('refuses the key with another body (422), and runs again without a key', async () => {
    const first = await post('/test/objections', 'platform-key-2', { text: 'a' }).expect(201);
    const reused = await post('/test/objections', 'platform-key-2', { text: 'b' }).expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const fresh = await post('/test/objections', null, { text: 'a' }).expect(201);
    expect(fresh.body.run).toBeGreaterThan(first.body.run);
  });

  it('answers racing requests with one key once: the rest wait for the claim and get its answer', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => post('/test/objections', 'platform-race', { text: 'x' })),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(5).fill(201));
    expect(new Set(answers.map((r) => (r.body as { run: number }).run)).size).toBe(1);
  });

  it('keeps keys per society on a route that names one, apart from the platform scope', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const inA = await post(`/test/societies/${a}/objections`, 'shared-key', { text: 'x' }).expect(200);
    const inB = await post(`/test/societies/${b}/objections`, 'shared-key', { text: 'x' }).expect(200);
    const onPlatform = await post('/test/objections', 'shared-key', { text: 'x' }).expect(201);
    expect(new Set([inA.body.run, inB.body.run, onPlatform.body.run]).size).toBe(3);
    const replay = await post(`/test/societies/${a}/objections`, 'shared-key', { text: 'x' }).expect(200);
    expect(replay.body).toEqual(inA.body);
    const { rows } = await db.query(
      `SELECT society_id FROM idempotency_keys WHERE key = 'shared-key' ORDER BY society_id`,
    );
    expect(rows.map((r: { society_id: string }) => r.society_id)).toEqual([PLATFORM_SCOPE, a, b].sort());
  });

  it('answers 404 for a society path value that is no UUID, storing nothing', async () => {
    const res = await post('/test/societies/not-a-uuid/objections', 'bad-sid', { text: 'x' }).expect(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'society' } });
    const { rows } = await db.query(`SELECT 1 FROM idempotency_keys WHERE key = 'bad-sid'`);
    expect(rows).toEqual([]);
  });
});
