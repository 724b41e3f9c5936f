// `npm run cli` without DATABASE_URL: the embedded PostgreSQL under DATA_DIR, as `npm start` uses it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { clusterDirOf } from '../../src/database/runtime';
import { runCli } from '../support/cli';

const ROOT = join(__dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

describe('admin CLI in embedded mode', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'huzhu-cli-'));
  const clusterDir = clusterDirOf({ DATA_DIR: dataDir });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    // Root's cluster lives outside DATA_DIR (/var/lib/huzhu/<hash>/pg): remove it too.
    if (clusterDir.startsWith('/var/lib/huzhu/'))
      rmSync(dirname(clusterDir), { recursive: true, force: true });
  });

  it('starts the server for the command, migrates, and stops it afterwards', async () => {
    const run = await runCli(['audit:verify'], { DATA_DIR: dataDir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(installation)');
    expect(run.stderr).toContain('created the first admin'); // as `npm start` would, password shown
    expect(existsSync(join(clusterDir, 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(clusterDir, 'postmaster.pid'))).toBe(false);
  });

  it('while `npm start` runs on DATA_DIR, uses its server and leaves it running', async () => {
    const port = await freePort();
    const service = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH!,
        HOME: process.env.HOME ?? '/root',
        DATA_DIR: dataDir,
        PORT: String(port),
      },
      stdio: 'ignore',
    });
    const health = () =>
      fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.status,
        () => 0,
      );
    try {
      for (let i = 0; (await health()) !== 200; i++) {
        if (i > 300 || service.exitCode !== null) throw new Error('the service did not start');
        await new Promise((r) => setTimeout(r, 200));
      }

      const run = await runCli(['admin:create', 'cli_embedded'], { DATA_DIR: dataDir });
      expect(run.code).toBe(0);
      // The service kept its database, and the new admin logs in through it.
      expect(await health()).toBe(200);
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'cli_embedded', password: run.stdout.trim() }),
      });
      expect(login.status).toBe(200);
      expect(run.stderr).toContain('using the embedded PostgreSQL already running');
    } finally {
      service.kill('SIGINT');
      if (service.exitCode === null) await new Promise((r) => service.once('exit', r));
    }
    // A start of the service (migrations, the demo society) and a CLI run: on a loaded CI machine
    // (2 cores, browser tests beside it) this took over a minute once, so it gets three.
  }, 180_000);
});
