import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../setup/test-server';

/**
 * The service as a newcomer starts it: `src/main.ts` on its embedded PostgreSQL, killed with -9 and
 * started again on the same data; and the refusal to start without secrets when DATABASE_URL is set.
 */
const ROOT = join(__dirname, '..', '..');

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
}

function startService(env: Record<string, string>): Service {
  let out = '';
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/root', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out };
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
  const dataDir = mkdtempSync(join(tmpdir(), 'huzhu-life-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts with no set-up, survives kill -9, and keeps its data', async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info' };

    const first = startService(env);
    await waitForHealth(port, first);
    expect(first.output()).toMatch(/Log in as \\?"admin\\?" with password \\?"([^"\\]+)\\?"/);
    const password = /with password \\?"([^"\\]+)\\?"/.exec(first.output())![1];
    expect(statSync(join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);

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

    const second = startService(env);
    try {
      await waitForHealth(port, second);
      // Same secrets (the old token still verifies) and the same data.
      const got = await fetch(`http://127.0.0.1:${port}/api/v1/societies/${society.id}`, { headers: auth });
      expect(got.status).toBe(200);
      expect(((await got.json()) as { name: string }).name).toBe('重启测试互助社');
      expect(second.output()).toContain('left running');
      expect(second.output()).not.toContain('with password');
    } finally {
      second.child.kill('SIGINT');
      expect(await exited(second.child)).toBe(0);
    }
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
