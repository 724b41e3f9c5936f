// Child processes of the HTTP bench: the app, the bare baseline, the load runner and pgbench.
import { ChildProcess, fork, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadResult, Scenario } from './load';

const ROOT = join(__dirname, '..');
const COUNTER = join(__dirname, 'count-queries.cjs');
const SWC = ['-r', '@swc-node/register'];

export interface Server {
  name: string;
  url: string;
  child: ChildProcess;
  /** Statements and BEGIN/COMMIT-like statements its pg clients have sent so far. */
  count(): Promise<{ statements: number; txControl: number }>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The node flags `npm run start:prod` gives (package.json), so the bench runs what production runs. */
export function startProdFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const m = /\bnode((?: --[\w-]+(?:=\S+)?)*) dist\/src\/main\.js/.exec(pkg.scripts['start:prod']);
  if (!m) throw new Error(`package.json start:prod is not "node [flags] dist/src/main.js"`);
  return m[1].trim().split(' ').filter(Boolean);
}

/**
 * The app as production runs it (`npm run build` then `node [flags] dist/src/main.js`, like
 * start:prod, with its flags); with BENCH_SWC=1 from the TypeScript sources instead (the same flags).
 * BENCH_CPU_PROF=dir writes a CPU profile there.
 */
export async function startApp(env: Record<string, string>): Promise<Server> {
  const swc = process.env.BENCH_SWC === '1';
  const prof = process.env.BENCH_CPU_PROF;
  const args = [
    ...startProdFlags(),
    ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []),
    '-r',
    COUNTER,
    ...(swc ? [...SWC, 'src/main.ts'] : ['dist/src/main.js']),
  ];
  return startServer('app', args, env, '/health');
}

export function startBare(env: Record<string, string>): Promise<Server> {
  return startServer('bare', ['-r', COUNTER, ...SWC, 'bench/bare-server.ts'], env, '/health');
}

async function startServer(
  name: string,
  args: string[],
  env: Record<string, string>,
  healthPath: string,
): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url + healthPath)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} server did not start within 60 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    name,
    url,
    child,
    count: () =>
      new Promise((resolve) => {
        child.once('message', (m: { statements: number; txControl: number }) => resolve(m));
        child.send({ type: 'count' });
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** One autocannon run in a forked process. */
export function load(scenario: Scenario): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'load.ts'), [], { cwd: ROOT, execArgv: SWC });
    let result: LoadResult | undefined;
    child.once('message', (m: LoadResult) => (result = m));
    child.once('error', reject);
    child.once('exit', (code) =>
      result ? resolve(result) : reject(new Error(`load runner exited ${code}`)),
    );
    child.send(scenario);
  });
}

const PGBENCH = process.env.PGBENCH ?? '/usr/bin/pgbench';

export function pgbench(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(PGBENCH, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`pgbench: ${out}`))));
  });
}

/** tpcb-like, the given clients, for `seconds`: transactions per second and mean latency. */
export async function pgbenchRun(
  url: string,
  clients: number,
  seconds: number,
): Promise<{ tps: number; latencyMs: number }> {
  const out = await pgbench(['-n', '-c', String(clients), '-j', '2', '-T', String(seconds), url]);
  const tps = /tps = ([\d.]+)/.exec(out);
  const lat = /latency average = ([\d.]+) ms/.exec(out);
  if (!tps) throw new Error(`pgbench printed no tps:\n${out}`);
  return { tps: Number(tps[1]), latencyMs: lat ? Number(lat[1]) : NaN };
}
