// Runs `npm run cli -- …` as a real process (a command's exit code and stdout are its contract).
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `env` replaces the database settings of this process's environment (nothing is inherited for them). */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const base = { ...process.env };
  for (const key of ['DATABASE_URL', 'JWT_SECRET', 'PII_KEY', 'PII_KEY_PREVIOUS', 'DATA_DIR'])
    delete base[key];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', 'src/cli.ts', ...args],
      { cwd: ROOT, env: { ...base, LOG_LEVEL: 'silent', ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
