import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppConfig, loadConfig } from '../config/app-config';

/**
 * The embedded PostgreSQL another process (usually `npm start`) is running on the cluster in
 * `clusterDir`, read from its postmaster.pid. The CLI connects to it instead of calling
 * prepareRuntime, whose start-up would stop that server as "left running by an earlier process".
 */
export function runningEmbeddedServer(clusterDir: string): { pid: number; port: number } | null {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  // Lines: pid, data directory, start time, port, socket directory, listen address, …
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgres(pid)) return null; // stale: prepareRuntime clears it
  if (!Number.isInteger(port) || port <= 0) {
    throw new Error(
      `PostgreSQL (pid ${pid}) is using ${clusterDir} but its port is unknown; stop it and retry`,
    );
  }
  return { pid, port };
}

/** The configuration for the `huzhu` database on that server, with the secrets of DATA_DIR. */
export function configForRunningServer(
  env: Record<string, string | undefined>,
  dataDir: string,
  port: number,
): AppConfig {
  const secretsFile = join(resolve(dataDir), 'secrets.json');
  const secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as Record<string, string | undefined>;
  if (!secrets.DB_PASSWORD) throw new Error(`${secretsFile} has no DB_PASSWORD`);
  return loadConfig(
    {
      ...env,
      DATABASE_URL: `postgres://postgres:${encodeURIComponent(secrets.DB_PASSWORD)}@127.0.0.1:${port}/huzhu`,
      JWT_SECRET: env.JWT_SECRET || secrets.JWT_SECRET,
      PII_KEY: env.PII_KEY || secrets.PII_KEY,
      DATA_DIR: resolve(dataDir),
    },
    true,
  );
}

function isPostgres(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false; // EPERM: alive, another user's
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return true; // no /proc (not Linux): trust the live pid
  }
}
