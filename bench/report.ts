// The bench's table, printed and written into BENCHMARKS.md between two markers (the rest of that
// file — what each change bought — is kept as written by hand).
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

export interface Row {
  scenario: string;
  measured: string;
  baseline: string;
  ratio: number | null;
  target: string;
  ok: boolean | null;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export function table(rows: Row[]): string {
  const head = ['scenario', 'measured', 'baseline', 'ratio', 'target', 'ok'];
  const cells = rows.map((r) => [
    r.scenario,
    r.measured,
    r.baseline,
    r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`,
    r.target,
    r.ok === null ? '—' : r.ok ? 'yes' : 'NO',
  ]);
  const line = (c: string[]) => `| ${c.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...cells.map(line)].join('\n');
}

export function machine(pgVersion: string): string {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
  let uptime = '';
  try {
    uptime = execSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    uptime = `load average: ${load}`;
  }
  return [
    `- CPU: ${cpus().length} × ${cpus()[0]?.model ?? '?'} (nproc ${cpus().length})`,
    `- Node ${process.version}; ${pgVersion.split(' on ')[0]}`,
    `- at the end of the run: \`${uptime}\``,
  ].join('\n');
}

/** `section`: which block between markers (`bench` for the request path, `growth` …). */
export function writeBenchmarks(block: string, section = 'bench'): string {
  const START = `<!-- ${section}:start -->`;
  const END = `<!-- ${section}:end -->`;
  const file = join(__dirname, '..', 'BENCHMARKS.md');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  const next =
    a >= 0 && b > a
      ? `${text.slice(0, a + START.length)}\n${block}\n${text.slice(b)}`
      : `${text}\n${START}\n${block}\n${END}\n`;
  writeFileSync(file, next);
  return file;
}
