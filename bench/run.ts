// `npm run bench`: every benchmark — receipt rendering (bench/receipts.ts) and the request path
// against its baselines (bench/http.ts) — then the table into BENCHMARKS.md.
// `npm run bench -- receipts`, `-- http`, `-- growth`, `-- public` (public reads and peak RSS), `-- pdf`
// (the notice PDF), `-- month-end` (donations and payments on a copy of the city) — issue 14, on
// `npm run bench:data`'s city — `-- export` (1,000,000 entries as CSV: the app's RSS) or `-- console`
// (Fast 3G) runs one.
import { benchConsole, FIRST_VISIT } from './console';
import { benchExport } from './export-memory';
import { benchGrowth } from './growth';
import { benchHttp } from './http';
import { benchMonthEnd } from './month-end';
import { benchPdf } from './pdf';
import { benchPublic } from './public';
import { benchReceipts } from './receipts';
import { Row, table, writeBenchmarks } from './report';

const WARM = Number(process.env.BENCH_RECEIPTS ?? 50);

async function receipts(): Promise<void> {
  const r = await benchReceipts(WARM);
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  console.log(`donation receipt (${(r.bytes / 1024).toFixed(0)} KiB PDF)`);
  console.log(`  first (cold, includes font parse): ${ms(r.firstMs)}`);
  console.log(
    `  next ${r.warm.count}: mean ${ms(r.warm.meanMs)}, median ${ms(r.warm.medianMs)}, p95 ${ms(r.warm.p95Ms)}`,
  );
  console.log(`  RSS after: ${r.rssMiB.toFixed(0)} MiB`);
}

async function http(): Promise<void> {
  const r = await benchHttp((line) => console.log(`  ${line}`));
  const text = table(r.rows);
  console.log(`\n${text}\n\nstatements sent per request:\n${r.perRequest}\nafter the run: ${r.reconciled}`);
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const file = writeBenchmarks(
    [
      `Latest \`npm run bench\` (${date} UTC): ${r.settings}`,
      '',
      text,
      '',
      'Statements sent per request (counted in the servers’ pg clients):',
      '',
      r.perRequest,
      '',
      `After the run: ${r.reconciled}.`,
      '',
      'Machine:',
      '',
      r.machine,
    ].join('\n'),
  );
  console.log(`written to ${file}`);
}

async function consoleOnFast3g(): Promise<void> {
  const r = await benchConsole((line) => console.log(`  ${line}`));
  const lines = r.rows.map((row) => {
    const ok = row.step === FIRST_VISIT ? (row.medianMs <= 3000 ? 'yes' : 'NO') : '—';
    const bytes = row.bytes ? `${(row.bytes / 1024).toFixed(1)} KiB` : '—';
    return `| ${row.step} | ${row.medianMs} ms | ${row.maxMs} ms | ${bytes} | ${ok === '—' ? '—' : '≤ 3000 ms'} | ${ok} |`;
  });
  const text = [
    '| step | median | max | over the network | target | ok |',
    '| ---- | ------ | --- | ---------------- | ------ | -- |',
    ...lines,
  ].join('\n');
  console.log(`\n${text}\n`);
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const file = writeBenchmarks(
    `Latest \`npm run bench -- console\` (${date} UTC): ${r.settings}.\n\n${text}`,
    'console',
  );
  console.log(`written to ${file}`);
}

/** A scenario's rows and notes, printed and written into its section of BENCHMARKS.md. */
async function scenario(
  section: string,
  on: string,
  run: (log: (line: string) => void) => Promise<{ rows: Row[]; notes: string[] } | null>,
): Promise<void> {
  const r = await run((line) => console.log(`  ${line}`));
  if (!r) return; // no city: the scenario said so
  const text = table(r.rows);
  console.log(`\n${text}\n`);
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const head = `Latest \`npm run bench -- ${section}\` (${date} UTC)${on ? `, ${on}` : ''}:`;
  const file = writeBenchmarks([head, '', text, '', ...r.notes].join('\n'), section);
  console.log(`written to ${file}`);
}

const CITY = "on `npm run bench:data`'s city";

async function main(): Promise<void> {
  const only = process.argv[2];
  if (!only || only === 'receipts') await receipts();
  if (!only || only === 'http') await http();
  if (!only || only === 'growth') await scenario('growth', `${CITY} and its 1% copy`, benchGrowth);
  if (!only || only === 'public') await scenario('public', CITY, benchPublic);
  if (!only || only === 'pdf') await scenario('pdf', '', benchPdf);
  if (!only || only === 'month-end')
    await scenario('month-end', "on a copy of `npm run bench:data`'s city", benchMonthEnd);
  if (!only || only === 'export') await scenario('export', '', benchExport);
  if (!only || only === 'console') await consoleOnFast3g();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
