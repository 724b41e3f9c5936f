import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { createTestDatabase } from '../setup/test-server';

/**
 * The service as a newcomer starts it: `src/main.ts` on its embedded PostgreSQL, from a checkout in a
 * folder only its owner may enter (as a clone under a 0700 /root), killed with -9 and started again on
 * the same data; the test harness's own embedded server from that checkout; and the refusal to start
 * without secrets when DATABASE_URL is set.
 */
const ROOT = join(__dirname, '..', '..');
const AS_ROOT = userInfo().uid === 0;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

interface Service {
  child: ChildProcess;
  output: () => string;
  stdout: () => string;
}

/** Every process started here, so that a failed test leaves none running (nor its PostgreSQL). */
const started: ChildProcess[] = [];
async function stopAll(): Promise<void> {
  const running = started.filter((c) => c.exitCode === null && c.signalCode === null);
  for (const child of running) child.kill('SIGINT');
  await Promise.all(running.map(exited));
}

function run(args: string[], env: Record<string, string>, cwd = ROOT): Service {
  let out = '';
  let stdout = '';
  const child = spawn(process.execPath, ['-r', '@swc-node/register', ...args], {
    cwd,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/root', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    stdout += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out, stdout: () => stdout };
}

function startService(env: Record<string, string>, cwd = ROOT): Service {
  return run(['src/main.ts'], env, cwd);
}

/**
 * A checkout inside a fresh 0700 folder: copies of the sources and a hard-linked node_modules (so
 * that even the modules' real paths are inside it; symlinks would resolve out of it).
 */
function closedCheckout(): { closed: string; app: string } {
  const closed = mkdtempSync(join(tmpdir(), 'huzhu-closed-'));
  chmodSync(closed, 0o700);
  const app = join(closed, 'checkout');
  mkdirSync(app);
  for (const entry of ['src', 'migrations', 'test/setup', 'package.json', 'tsconfig.json'])
    cpSync(join(ROOT, entry), join(app, entry), { recursive: true });
  try {
    execFileSync('cp', ['-al', join(ROOT, 'node_modules'), join(app, 'node_modules')], { stdio: 'pipe' });
  } catch (e) {
    // A user may hard-link only files they own; not as root, PostgreSQL runs as that same user, so
    // a link to node_modules does as well.
    if (AS_ROOT) throw e;
    rmSync(join(app, 'node_modules'), { recursive: true, force: true });
    symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'));
  }
  return { closed, app };
}

/** The mode of `dir` and of each folder above it. */
function modesUpFrom(dir: string): Record<string, string> {
  const modes: Record<string, string> = {};
  for (let d = dir; ; d = dirname(d)) {
    modes[d] = (statSync(d).mode & 0o7777).toString(8);
    if (dirname(d) === d) return modes;
  }
}

function postgresUid(): number {
  return Number(execFileSync('id', ['-u', 'postgres']).toString());
}
async function waitForHealth(port: number, service: Service, timeoutMs = 60_000): Promise<void> {
  const { child } = service;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`service exited with ${child.exitCode}:\n${service.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('service did not become healthy');
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((r) => child.once('exit', (code) => r(code)));
}

describe('service lifecycle (npm start on the embedded database)', () => {
  const { closed, app } = closedCheckout();
  const closedModes = modesUpFrom(closed);
  const homeMode = statSync(process.env.HOME ?? '/root').mode & 0o7777;
  let pgDir: string | undefined;
  afterAll(async () => {
    await stopAll();
    rmSync(closed, { recursive: true, force: true });
    // Root's cluster lives outside the checkout (/var/lib/huzhu/<hash>/pg): remove it too.
    if (pgDir?.startsWith('/var/lib/huzhu/')) rmSync(dirname(pgDir), { recursive: true, force: true });
  });

  it('starts from a checkout in a 0700 folder with no set-up, survives kill -9, keeps its data, and opens no folder', async () => {
    const port = await freePort();
    const env = { PORT: String(port), LOG_LEVEL: 'info' }; // DATA_DIR: ./data in the checkout

    const first = startService(env, app);
    await waitForHealth(port, first);
    // Where the cluster is, named in the log at every start.
    pgDir = /with data in ([^\s"\\]+)/.exec(first.output())![1];
    expect(first.output()).toMatch(/Log in as \\?"admin\\?" with password \\?"([^"\\]+)\\?"/);
    const password = /with password \\?"([^"\\]+)\\?"/.exec(first.output())![1];
    // Not a terminal: JSON lines only, and Nest's route map is at debug, not info.
    for (const line of first.stdout().trim().split('\n'))
      expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(first.stdout()).not.toContain('Mapped {');
    const secrets = statSync(join(app, 'data', 'secrets.json'));
    expect(secrets.mode & 0o777).toBe(0o600);
    expect(secrets.uid).toBe(userInfo().uid);

    if (AS_ROOT) {
      expect(pgDir).toMatch(/^\/var\/lib\/huzhu\/[0-9a-f]{16}\/pg$/);
      expect(statSync(pgDir).uid).toBe(postgresUid());
      expect(statSync(pgDir).mode & 0o777).toBe(0o700);
      expect(existsSync(join(app, 'data', 'pg'))).toBe(false);
    } else {
      expect(pgDir).toBe(join(app, 'data', 'pg'));
    }
    expect(existsSync(join(pgDir, 'PG_VERSION'))).toBe(true);

    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    const created = await fetch(`http://127.0.0.1:${port}/api/v1/societies`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ name: '重启测试互助社', regionCode: '341702001001' }),
    });
    expect(created.status).toBe(201);
    const society = (await created.json()) as { id: string };

    first.child.kill('SIGKILL');
    await exited(first.child);

    const second = startService(env, app);
    try {
      await waitForHealth(port, second);
      // Same secrets (the old token still verifies) and the same data.
      const got = await fetch(`http://127.0.0.1:${port}/api/v1/societies/${society.id}`, { headers: auth });
      expect(got.status).toBe(200);
      expect(((await got.json()) as { name: string }).name).toBe('重启测试互助社');
      expect(second.output()).toContain('left running');
      expect(second.output()).toContain(`with data in ${pgDir}`);
      expect(second.output()).not.toContain('with password');
    } finally {
      second.child.kill('SIGINT');
      expect(await exited(second.child)).toBe(0);
    }
    expect(modesUpFrom(closed)).toEqual(closedModes);
    expect(statSync(process.env.HOME ?? '/root').mode & 0o7777).toBe(homeMode);
  });

  it("runs the test harness's own embedded server from the same checkout (npm test without TEST_DATABASE_URL)", async () => {
    const script = [
      "const { withAdminClient } = require('./test/setup/test-server');",
      '(async () => {',
      "  await require('./test/setup/global-setup').default();",
      '  const { rows } = await withAdminClient(process.env.HUZHU_TEST_SERVER_URL, (c) =>',
      "    c.query('SELECT count(*)::int AS n FROM pg_database WHERE datname = $1', [process.env.HUZHU_TEST_TEMPLATE]));",
      "  console.log('template databases: ' + rows[0].n);",
      "  await require('./test/setup/global-teardown').default();",
      '})().catch((e) => { console.error(e); process.exit(1); });',
    ].join('\n');
    const harness = run(['-e', script], {}, app); // no TEST_DATABASE_URL: the embedded server
    const code = await new Promise((r) => harness.child.once('close', r)); // all output read
    expect(code).toBe(0);
    expect(harness.output()).toContain('template databases: 1');
    expect(modesUpFrom(closed)).toEqual(closedModes);
  });

  it('serves with DATABASE_URL and the secrets, creating the admin from ADMIN_PASSWORD', async () => {
    const db = await createTestDatabase();
    const port = await freePort();
    const service = startService({
      DATABASE_URL: db.url,
      JWT_SECRET: randomBytes(32).toString('hex'),
      PII_KEY: randomBytes(32).toString('base64'),
      ADMIN_PASSWORD: 'an admin passphrase',
      PORT: String(port),
    });
    try {
      await waitForHealth(port, service);
      expect(service.output()).not.toContain('embedded PostgreSQL');
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'an admin passphrase' }),
      });
      expect(login.status).toBe(200);
    } finally {
      service.child.kill('SIGTERM');
      await exited(service.child);
      await db.drop();
    }
  });

  it('refuses to start with DATABASE_URL but without JWT_SECRET and PII_KEY, saying what to set', async () => {
    const { child, output } = startService({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(await exited(child)).toBe(1);
    expect(output()).toContain('JWT_SECRET is required');
    expect(output()).toContain('PII_KEY is required');
  });

  it('refuses a PII_KEY that is not 32 bytes', async () => {
    const { child, output } = startService({
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      JWT_SECRET: 'x'.repeat(40),
      PII_KEY: Buffer.alloc(16).toString('base64'),
    });
    expect(await exited(child)).toBe(1);
    expect(output()).toContain('PII_KEY must be 32 bytes');
  });
});
