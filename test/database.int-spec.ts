import { Client } from 'pg';
import { createTestDatabase } from './setup/test-server';

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
