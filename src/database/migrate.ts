import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { connectionOptions } from './multi-host';

/** Any fixed number: the advisory lock that lets one of several starting instances migrate at a time. */
const MIGRATION_LOCK = 7_042_611;

/**
 * Applies pending migrations (hand-written SQL in migrations/), all in one transaction, under an
 * advisory lock so that instances starting together do not race.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource({
    type: 'postgres',
    // One connection: the session-level advisory lock, the migrations and the unlock share it (on a
    // pool the unlock could land on another connection and miss).
    ...connectionOptions(url, { max: 1 }),
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
  });
  await ds.initialize();
  try {
    await ds.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const applied = await ds.runMigrations({ transaction: 'all' });
      return applied.map((m) => m.name);
    } finally {
      await ds.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await ds.destroy();
  }
}
