import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { MIGRATIONS } from '../migrations';
import { runMigrations } from '../src/database/migrate';
import { createTestDatabase, databaseUrl, ENV_SERVER_URL, withAdminClient } from './setup/test-server';

describe('test database', () => {
  it('has the migrated schema', async () => {
    const db = await createTestDatabase();
    const c = new Client({ connectionString: db.url });
    await c.connect();
    const { rows } = await c.query(`SELECT count(*)::int AS n FROM migrations`);
    expect(rows[0].n).toBeGreaterThan(0);
    await c.end();
    await db.drop();
  });
});

describe('runMigrations', () => {
  it('lets instances starting together migrate one at a time: one applies everything, the others nothing', async () => {
    const serverUrl = process.env[ENV_SERVER_URL]!;
    const name = `huzhu_migrate_${randomBytes(4).toString('hex')}`;
    await withAdminClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
    try {
      const url = databaseUrl(serverUrl, name);
      const runs = await Promise.all([runMigrations(url), runMigrations(url), runMigrations(url)]);
      const applied = runs.map((r) => r.length).sort((a, b) => b - a);
      expect(applied[0]).toBe(MIGRATIONS.length);
      expect(applied.slice(1)).toEqual([0, 0]);
      expect(await runMigrations(url)).toEqual([]);
    } finally {
      await withAdminClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  });
});
