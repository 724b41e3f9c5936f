import { writeFileSync } from 'node:fs';
import { AppProcess, startAppProcess } from '../support/app-process';
import { bankSocieties, checkAcknowledged, runBank, summarize } from '../support/bank';
import { expectInvariants } from '../support/invariants';
import { TEST_PII_KEY, withTestApp } from '../support/test-app';

/**
 * The bank test, long (issue 15): SOAK_OPS operations (default 100,000) by SOAK_CLIENTS writers
 * (default 12) and 3 readers against the service in its own process, over 4 societies, with a
 * snapshot of the invariants every 10 s; then every invariant and every acknowledged move.
 * BANK_SEED reproduces the operations; SOAK_REPORT=file writes the figures as JSON.
 */
describe('Bank test (soak)', () => {
  const t = withTestApp({}, { validateResponses: false });
  let app: AppProcess | undefined;
  afterAll(() => app?.stop());

  it('keeps the books whole through a long run', async () => {
    const seed = Number(process.env.BANK_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const operations = Number(process.env.SOAK_OPS ?? 100_000);
    process.stdout.write(`bank soak seed ${seed}, ${operations} operations\n`);
    app = await startAppProcess({
      DATABASE_URL: t.config.DATABASE_URL!,
      JWT_SECRET: t.config.JWT_SECRET,
      PII_KEY: TEST_PII_KEY,
      OBJECTION_RATE_LIMIT: '10000',
    });
    const societies = await bankSocieties(t, 4);
    const result = await runBank({
      baseUrl: () => app!.url,
      societies,
      seed,
      operations,
      clients: Number(process.env.SOAK_CLIENTS ?? 12),
      readers: 3,
      databaseUrl: t.config.DATABASE_URL!,
      snapshotEveryMs: 10_000,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    const summary = summarize(result);
    process.stdout.write(`${summary}\n`);
    const report = await expectInvariants(t.config.DATABASE_URL!);
    const acknowledged = await checkAcknowledged(
      t.config.DATABASE_URL!,
      result,
      societies.map((s) => s.id),
    );
    if (process.env.SOAK_REPORT)
      writeFileSync(
        process.env.SOAK_REPORT,
        JSON.stringify(
          { ...result, acknowledged: result.acknowledged.length, counts: report.counts },
          null,
          2,
        ),
      );
    expect(result.unexpected).toEqual([]);
    expect(result.badReads).toEqual([]);
    expect(result.snapshotViolations).toEqual([]);
    expect(acknowledged).toEqual([]);
    expect(result.operations).toBeGreaterThanOrEqual(operations);
  });
});
