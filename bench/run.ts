// `npm run bench`: prints how long PDF receipts take to render (see bench/receipts.ts).
import { benchReceipts } from './receipts';

const WARM = Number(process.env.BENCH_RECEIPTS ?? 50);

async function main(): Promise<void> {
  const r = await benchReceipts(WARM);
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  console.log(`donation receipt (${(r.bytes / 1024).toFixed(0)} KiB PDF)`);
  console.log(`  first (cold, includes font parse): ${ms(r.firstMs)}`);
  console.log(
    `  next ${r.warm.count}: mean ${ms(r.warm.meanMs)}, median ${ms(r.warm.medianMs)}, p95 ${ms(r.warm.p95Ms)}`,
  );
  console.log(`  RSS after: ${r.rssMiB.toFixed(0)} MiB`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
