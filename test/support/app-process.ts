import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The service in a child process (test/support/service-process.ts, i.e. createApp as main.ts runs it). */
export interface AppProcess {
  url: string;
  child: ChildProcess;
  /** What it printed (stdout and stderr). */
  output(): string;
  /** `kill -9`: no shutdown hook runs, connections are cut mid-transaction. */
  kill9(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
  /** Whether it is still running. */
  alive(): boolean;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => child.once('exit', () => r()));

/**
 * Starts the service on `env` (DATABASE_URL, JWT_SECRET, PII_KEY …) and waits until it listens;
 * `port` keeps the address across restarts (a crashed instance comes back where clients look).
 */
export async function startAppProcess(env: Record<string, string>, port = 0): Promise<AppProcess> {
  let out = '';
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'test/support/service-process.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH!, LOG_LEVEL: 'warn', SCHEDULER: 'off', ...env, SERVICE_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not start in 60 s:\n${out}`)), 60_000);
    const look = () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', look);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the service exited (${code ?? signal}) before listening:\n${out}`));
    });
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    child,
    output: () => out,
    alive,
    kill9: async () => {
      if (alive()) child.kill('SIGKILL');
      await exited(child);
    },
    stop: async () => {
      if (alive()) child.kill('SIGTERM');
      await exited(child);
    },
  };
}
