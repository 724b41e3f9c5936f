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

export const TEST_PII_KEY = randomBytes(32).toString('base64');

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  http: TestAgent;
  /** A direct connection to this file's database, for checks the API cannot make. */
  db: Client;
  /** Runs service code as a request would (CLS context for transactions). */
  run<T>(fn: () => Promise<T>): Promise<T>;
  token(user: { id: string; username: string }): string;
  close(): Promise<void>;
}

/**
 * The real application on a fresh database copied from the migrated template. `logStream` receives
 * the logs (set LOG_LEVEL in `env` too), for tests of what reaches them.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { logStream?: DestinationStream } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: database.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PII_KEY: TEST_PII_KEY,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  const app = await createApp(config, options);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const db = new Client({ connectionString: database.url });
  db.on('error', () => undefined); // the database is dropped at the end, connections or not
  await db.connect();
  const jwt = app.get(JwtService);
  const cls = app.get(ClsService);
  return {
    app,
    config,
    http: request(app.getHttpServer()),
    db,
    run: (fn) => cls.run(fn),
    token: (user) => jwt.sign({ sub: user.id, username: user.username }),
    close: async () => {
      await db.end();
      await app.close();
      await database.drop();
    },
  };
}
