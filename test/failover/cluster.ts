// A real PostgreSQL HA stack on loopback for `npm run test:failover`: pg_auto_failover (a monitor, a
// primary and a synchronous standby, each its own cluster on its own port), from Debian's packages,
// installed here if missing (the one suite allowed to install: it is outside `npm test`).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, chownSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

const PACKAGES = ['postgresql-15-auto-failover', 'pg-auto-failover-cli'];

function asRoot(cmd: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  execFileSync(root ? cmd : 'sudo', root ? args : ['-n', cmd, ...args], { stdio: 'inherit' });
}

/** The folder of PostgreSQL's server binaries that has the pg_auto_failover extension; installs Debian's packages when they are missing. */
export function ensurePackages(log: (s: string) => void): string {
  const bin = () =>
    existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
          .find(
            (dir) =>
              existsSync(join(dir, '..', 'lib', 'pgautofailover.so')) && existsSync('/usr/bin/pg_autoctl'),
          )
      : undefined;
  if (!bin()) {
    log(`installing ${PACKAGES.join(' ')} (apt-get)…`);
    asRoot('apt-get', ['update', '-qq']);
    asRoot('apt-get', ['install', '-y', '-qq', ...PACKAGES]);
  }
  const found = bin();
  if (!found) throw new Error(`pg_autoctl not found after installing ${PACKAGES.join(' ')}`);
  return found;
}

export interface Node {
  name: string;
  port: number;
  pgdata: string;
}

export interface Cluster {
  monitorPort: number;
  nodes: Node[];
  /** postgres://…@127.0.0.1:p1,127.0.0.1:p2/huzhu?target_session_attrs=read-write */
  url: string;
  /** The node accepting writes now, asked of each node itself. */
  primary(): Promise<Node | undefined>;
  /** kill -9 of a node's keeper (pg_autoctl) and its postmaster: the machine "dies". */
  kill(node: Node): void;
  /** Starts a killed node's keeper again: it rejoins the pair (as the standby, after a failover). */
  restart(node: Node): Promise<void>;
  /** The monitor's reported state of each node, in node order ('primary', 'secondary', …). */
  states(): Promise<string[]>;
  /** Sets the monitor's health checks to notice a dead node in seconds (defaults: about 30 s). */
  quickFailover(): Promise<void>;
  stop(): void;
}

export async function startCluster(
  bin: string,
  ports: [number, number, number],
  log: (s: string) => void,
): Promise<Cluster> {
  // pg_autoctl refuses to run as root: as root, the clusters belong to the postgres user.
  const root = process.getuid?.() === 0;
  const user = root ? 'postgres' : userInfo().username;
  const dir = mkdtempSync(join(tmpdir(), 'huzhu-failover-'));
  if (root) {
    const { uid, gid } = pgUser();
    chownSync(dir, uid, gid);
  }
  const env = {
    PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_RUNTIME_DIR: join(dir, 'run'),
    HOME: dir,
  };
  const envArgs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  const command = (args: string[]) =>
    (root ? ['runuser', ['-u', user, '--', 'env', ...envArgs, ...args]] : ['env', [...envArgs, ...args]]) as [
      string,
      string[],
    ];
  const run = (args: string[]) => {
    const [cmd, a] = command(args);
    execFileSync(cmd, a, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const keepers: ReturnType<typeof spawn>[] = [];
  const keep = (pgdata: string, at = keepers.length) => {
    const [cmd, a] = command(['pg_autoctl', 'run', '--pgdata', pgdata]);
    keepers[at] = spawn(cmd, a, { cwd: dir, stdio: 'ignore', detached: true });
  };

  const [monitorPort, p1, p2] = ports;
  const monitorData = join(dir, 'monitor');
  log(`monitor on ${monitorPort}…`);
  run([
    'pg_autoctl',
    'create',
    'monitor',
    '--pgdata',
    monitorData,
    '--pgport',
    String(monitorPort),
    '--hostname',
    '127.0.0.1',
    '--auth',
    'trust',
    '--no-ssl',
  ]);
  keep(monitorData);
  await waitFor(
    () => canConnect(`postgres://autoctl_node@127.0.0.1:${monitorPort}/pg_auto_failover`),
    60,
    'the monitor',
  );

  const nodes: Node[] = [];
  for (const [i, port] of [p1, p2].entries()) {
    const node = { name: `node_${i + 1}`, port, pgdata: join(dir, `node${i + 1}`) };
    log(`${node.name} on ${port}…`);
    run([
      'pg_autoctl',
      'create',
      'postgres',
      '--pgdata',
      node.pgdata,
      '--pgport',
      String(port),
      '--hostname',
      '127.0.0.1',
      '--auth',
      'trust',
      '--no-ssl',
      '--dbname',
      'huzhu',
      '--name',
      node.name,
      '--monitor',
      `postgres://autoctl_node@127.0.0.1:${monitorPort}/pg_auto_failover`,
    ]);
    keep(node.pgdata);
    nodes.push(node);
    await waitFor(() => canConnect(`postgres://postgres@127.0.0.1:${port}/huzhu`), 90, node.name);
  }
  const monitorUrl = `postgres://autoctl_node@127.0.0.1:${monitorPort}/pg_auto_failover`;
  await waitFor(
    async () => (await states(monitorUrl)).join() === 'primary,secondary',
    120,
    'primary and secondary',
  );

  const isPrimary = async (n: Node) => {
    const c = new Client({
      connectionString: `postgres://postgres@127.0.0.1:${n.port}/huzhu`,
      connectionTimeoutMillis: 1000,
    });
    try {
      await c.connect();
      return !(await c.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0].r;
    } catch {
      return false;
    } finally {
      await c.end().catch(() => undefined);
    }
  };

  return {
    monitorPort,
    nodes,
    url: `postgres://postgres@127.0.0.1:${p1},127.0.0.1:${p2}/huzhu?target_session_attrs=read-write`,
    async primary() {
      for (const n of nodes) if (await isPrimary(n)) return n;
      return undefined;
    },
    kill(node) {
      const keeper = keepers[nodes.indexOf(node) + 1];
      if (keeper.pid) process.kill(-keeper.pid, 'SIGKILL');
      const pidFile = join(node.pgdata, 'postmaster.pid');
      if (existsSync(pidFile)) {
        const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone with its keeper
        }
      }
    },
    async restart(node) {
      keep(node.pgdata, nodes.indexOf(node) + 1);
      await waitFor(() => canConnect(`postgres://postgres@127.0.0.1:${node.port}/huzhu`), 120, node.name);
    },
    states: () => states(monitorUrl),
    async quickFailover() {
      const c = new Client({
        connectionString: `postgres://postgres@127.0.0.1:${monitorPort}/pg_auto_failover`,
      });
      await c.connect();
      try {
        for (const [name, value] of [
          ['health_check_period', 1000],
          ['health_check_timeout', 1000],
          ['health_check_max_retries', 1],
          ['health_check_retry_delay', 500],
          ['node_considered_unhealthy_timeout', 3000],
        ] as const) {
          await c.query(`ALTER SYSTEM SET pgautofailover.${name} = ${value}`);
        }
        await c.query('SELECT pg_reload_conf()');
      } finally {
        await c.end();
      }
    },
    stop() {
      for (const k of keepers) {
        try {
          if (k.pid) process.kill(-k.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
      for (const pgdata of [monitorData, ...nodes.map((n) => n.pgdata)]) {
        const pidFile = join(pgdata, 'postmaster.pid');
        if (!existsSync(pidFile)) continue;
        try {
          process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGKILL');
        } catch {
          // gone
        }
      }
      rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
    },
  };
}

function pgUser(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('no postgres user (the PostgreSQL packages create it)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

async function canConnect(url: string): Promise<boolean> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function states(monitorUrl: string): Promise<string[]> {
  const c = new Client({ connectionString: monitorUrl, connectionTimeoutMillis: 1000 });
  try {
    await c.connect();
    const { rows } = await c.query<{ s: string }>(
      'SELECT reportedstate::text AS s FROM pgautofailover.node ORDER BY nodeid',
    );
    return rows.map((r) => r.s);
  } catch {
    return [];
  } finally {
    await c.end().catch(() => undefined);
  }
}

export async function waitFor(check: () => Promise<boolean>, seconds: number, what: string): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > seconds * 1000) throw new Error(`${what}: not ready within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return Date.now() - started;
}
