import { Pool } from 'pg';
import { multiHostClient, parseMultiHostUrl } from '../../src/database/multi-host';

// The multi-host Client against the real server: hosts that do not answer are passed over. (A
// standby passed over for read-write, and a failover, are in `npm run test:failover`.)
const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');

describe('multi-host connections (real PostgreSQL)', () => {
  it('skips hosts that refuse connections and uses the one that answers, writable', async () => {
    const target = parseMultiHostUrl(
      `postgres://${url.username}@127.0.0.1:1,127.0.0.1:2,${url.hostname}:${url.port || 5432}${url.pathname}?target_session_attrs=read-write`,
    )!;
    const pool = new Pool({ connectionString: target.firstHostUrl, Client: multiHostClient(target), max: 2 });
    try {
      const { rows } = await pool.query<{ standby: boolean; port: number }>(
        'SELECT pg_is_in_recovery() AS standby, inet_server_port() AS port',
      );
      expect(rows[0]).toEqual({ standby: false, port: Number(url.port || 5432) });
    } finally {
      await pool.end();
    }
  });

  it('names every host it tried when none answers', async () => {
    const target = parseMultiHostUrl(`postgres://${url.username}@127.0.0.1:1,127.0.0.1:2/x`)!;
    const pool = new Pool({ connectionString: target.firstHostUrl, Client: multiHostClient(target), max: 1 });
    try {
      await expect(pool.query('SELECT 1')).rejects.toThrow(/127\.0\.0\.1:1: .*127\.0\.0\.1:2: /);
    } finally {
      await pool.end();
    }
  });
});
