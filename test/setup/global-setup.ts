import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedServer } from '../../src/database/embedded-server';
import { runMigrations } from '../../src/database/migrate';
import { prepareChromium } from './chromium';
import { ENV_SERVER_URL, ENV_TEMPLATE, databaseUrl, uniqueName, withAdminClient } from './test-server';

/**
 * Real PostgreSQL for the whole run: TEST_DATABASE_URL when set, else an embedded server in a temp
 * dir. Migrations run once into a template; each test file copies it (test-server.ts). And a real
 * Chromium for the browser tests, unpacked here once since parallel workers would race (chromium.ts).
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const server = await startEmbeddedServer({
      dir: join(tmpdir(), uniqueName('huzhu-test-pg')),
      password: 'test',
      persistent: false,
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
    });
    (globalThis as { __HUZHU_PG__?: unknown }).__HUZHU_PG__ = server;
    serverUrl = server.url;
  }
  const template = uniqueName('huzhu_tpl');
  await withAdminClient(serverUrl, (c) => c.query(`CREATE DATABASE ${template}`));
  await runMigrations(databaseUrl(serverUrl, template));
  process.env[ENV_SERVER_URL] = serverUrl;
  process.env[ENV_TEMPLATE] = template;
  await prepareChromium();
}
