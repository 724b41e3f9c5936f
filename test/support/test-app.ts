import type { ModuleMetadata } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ClsService } from 'nestjs-cls';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { createTestDatabase } from '../setup/test-server';
import { createFixtures, Fixtures, TestUser } from './fixtures';
import { ManualClock } from './manual-clock';
import { takeContractProblems, watchResponses } from './response-contract';

export const TEST_PII_KEY = randomBytes(32).toString('base64');

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  http: TestAgent;
  /** A direct connection to this file's database, for checks the API cannot make. */
  db: Client;
  /** Runs service code as a request would (CLS context for transactions). */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** A token as login issues it (`ver` 0: the token version of a user never revoked). */
  token(user: { id: string; username: string }): string;
  /** The app's clock: real time until a test sets it. */
  clock: ManualClock;
  close(): Promise<void>;
}

export interface TestAppOptions {
  validateResponses?: boolean;
  logStream?: DestinationStream;
  /** Start on this database (another app's `config.DATABASE_URL`: a second instance) rather than a fresh one; it is not dropped at close. */
  databaseUrl?: string;
  /** More modules for the app (e.g. one declaring a test's `@ScheduledJob()`). */
  imports?: ModuleMetadata['imports'];
  /** Where the built console is (web/dist when absent): a test of its serving passes its own. */
  consoleDir?: string;
}

/**
 * The real application on a fresh database copied from the migrated template. Every response is
 * checked against the served OpenAPI document unless `validateResponses: false` (response-contract.ts).
 * `logStream` receives the logs (set LOG_LEVEL in `env` too), for tests of what reaches them.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const database = options.databaseUrl
    ? { url: options.databaseUrl, drop: () => Promise.resolve() }
    : await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: database.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PII_KEY: TEST_PII_KEY,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SCHEDULER: 'off', // no job runs behind a test's back; `{ SCHEDULER: 'on' }` turns them on
    ...env,
  });
  const clock = new ManualClock();
  const app = await createApp(config, {
    logStream: options.logStream,
    clock,
    imports: options.imports,
    consoleDir: options.consoleDir,
  });
  const contract =
    options.validateResponses === false ? undefined : watchResponses(app.getHttpAdapter().getInstance());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const http = request(app.getHttpServer());
  contract?.use((await http.get('/api/docs-json').expect(200)).body as object);
  const db = new Client({ connectionString: database.url });
  db.on('error', () => undefined); // the database is dropped at the end, connections or not
  await db.connect();
  const jwt = app.get(JwtService);
  const cls = app.get(ClsService);
  return {
    app,
    config,
    http,
    db,
    run: (fn) => cls.run(fn),
    token: (user) => jwt.sign({ sub: user.id, username: user.username, ver: 0 }),
    clock,
    close: async () => {
      await db.end();
      await app.close();
      await database.drop();
      const problems = takeContractProblems();
      if (problems.length)
        throw new Error(`responses disagree with /api/docs-json:\n  ${problems.join('\n  ')}`);
    },
  };
}

/** An e2e file's app: the TestApp, an administrator to act as, and fixtures (test/support/fixtures.ts). */
export interface TestContext extends TestApp {
  admin: TestUser;
  fx: Fixtures;
}

/**
 * The set-up every e2e file shares: `const t = withTestApp();` at the top of a describe starts the app
 * on a fresh database before its tests (with an administrator, `t.admin`, and fixtures, `t.fx`) and
 * closes it after them. Arguments as for startTestApp. `t` is usable inside tests and hooks only.
 */
export function withTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): TestContext {
  let started: TestApp | undefined;
  let ready: TestContext | undefined;
  beforeAll(async () => {
    started = await startTestApp(env, options);
    const admin = await createFixtures(started).user({ platformRole: 'admin', displayName: '管理员' });
    ready = { ...started, admin, fx: createFixtures(started, admin) };
  });
  afterAll(() => started?.close());
  return new Proxy({} as TestContext, {
    get(_, key) {
      if (!ready) throw new Error(`withTestApp(): t.${String(key)} read outside a test or hook`);
      return ready[key as keyof TestContext];
    },
  });
}
