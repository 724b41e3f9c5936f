import { AppProcess, startAppProcess } from '../support/app-process';
import { bankSocieties, checkAcknowledged, prng, runBank, summarize } from '../support/bank';
import { expectInvariants } from '../support/invariants';
import { TEST_PII_KEY, withTestApp } from '../support/test-app';

/**
 * The crash test (issue 15): the service runs in a child process under the bank workload and is
 * killed with SIGKILL several times mid-load, then started again on the same port. Clients send what
 * got no answer again with the same Idempotency-Key: every money move ends with exactly one effect,
 * nothing acknowledged is lost, and every invariant holds. CRASH_KILLS and BANK_OPS are knobs;
 * BANK_SEED reproduces the operations (not the kill instants, which depend on timing).
 */
describe('Crash test: kill -9 under load, restart, retries with the same keys', () => {
  const t = withTestApp({}, { validateResponses: false });
  let app: AppProcess | undefined;
  afterAll(() => app?.kill9());

  it('ends with exactly one effect per request and the books whole', async () => {
    const seed = Number(process.env.BANK_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const operations = Number(process.env.BANK_OPS ?? 900);
    const kills = Number(process.env.CRASH_KILLS ?? 3);
    process.stdout.write(`crash test seed ${seed} (BANK_SEED=${seed} reproduces its operations)\n`);
    const env = {
      DATABASE_URL: t.config.DATABASE_URL!,
      JWT_SECRET: t.config.JWT_SECRET,
      PII_KEY: TEST_PII_KEY,
      OBJECTION_RATE_LIMIT: '10000',
    };
    app = await startAppProcess(env);
    const port = Number(new URL(app.url).port);
    const societies = await bankSocieties(t, 2);

    let done = 0;
    let killed = 0;
    const rnd = prng(seed);
    const killer = (async () => {
      for (let i = 0; i < kills; i++) {
        // kill when a share of the operations is done, so that every kill lands mid-load
        const at = Math.floor((operations * (i + 0.3 + rnd() * 0.5)) / (kills + 1));
        while (done < at) await new Promise((r) => setTimeout(r, 20));
        await app!.kill9();
        killed += 1;
        const down = Date.now();
        app = await startAppProcess(env, port);
        process.stdout.write(`kill ${killed} after ${done} operations; back in ${Date.now() - down} ms\n`);
      }
    })();

    const result = await runBank({
      baseUrl: () => `http://127.0.0.1:${port}`,
      societies,
      seed,
      operations,
      clients: 6,
      readers: 1,
      retry: true,
      databaseUrl: t.config.DATABASE_URL!,
      snapshotEveryMs: 2000,
      onOperation: (n) => (done = n),
    });
    await killer;
    process.stdout.write(`${summarize(result)}\nkills: ${killed}\n`);

    expect(killed).toBe(kills);
    expect(result.retries).toBeGreaterThan(0);
    expect(result.unexpected).toEqual([]);
    expect(result.badReads).toEqual([]);
    expect(result.snapshotViolations).toEqual([]);
    await expectInvariants(t.config.DATABASE_URL!);
    expect(
      await checkAcknowledged(
        t.config.DATABASE_URL!,
        result,
        societies.map((s) => s.id),
      ),
    ).toEqual([]);
    // every keyed request got its answer in the end
    expect(
      Object.keys(result.outcomes).filter((k) => /^(donate|void|transfer|pay|recover) 0 /.test(k)),
    ).toEqual([]);
  }, 300_000);
});
