import { bankSocieties, checkAcknowledged, runBank, summarize } from '../support/bank';
import { checkInvariants, expectInvariants } from '../support/invariants';
import { withTestApp } from '../support/test-app';

/**
 * The bank test, short (issue 15; `npm run test:soak` runs the long one): concurrent clients move
 * money through every money route over real HTTP while readers read and snapshots check the books;
 * afterwards every invariant holds (test/support/invariants.ts) and every acknowledged money move
 * exists exactly once. BANK_SEED reproduces a run's operations; BANK_OPS sets how many.
 */
describe('Bank test (short)', () => {
  const t = withTestApp({ OBJECTION_RATE_LIMIT: '10000' }, { validateResponses: false });

  it('keeps the books whole under concurrent random operations', async () => {
    const seed = Number(process.env.BANK_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const operations = Number(process.env.BANK_OPS ?? 1000);
    process.stdout.write(`bank test seed ${seed} (BANK_SEED=${seed} reproduces it)\n`);
    const server = t.app.getHttpServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as { port: number };
    const societies = await bankSocieties(t, 3);

    const result = await runBank({
      baseUrl: () => `http://127.0.0.1:${port}`,
      societies,
      seed,
      operations,
      clients: 8,
      readers: 2,
      databaseUrl: t.config.DATABASE_URL!,
      snapshotEveryMs: 1500,
    });
    process.stdout.write(`${summarize(result)}\n`);

    expect(result.unexpected).toEqual([]);
    expect(result.badReads).toEqual([]);
    expect(result.snapshotViolations).toEqual([]);
    expect(result.snapshots).toBeGreaterThan(0);
    const report = await expectInvariants(t.config.DATABASE_URL!);
    expect(report.counts.entries).toBeGreaterThan(50);
    expect(
      await checkAcknowledged(
        t.config.DATABASE_URL!,
        result,
        societies.map((s) => s.id),
      ),
    ).toEqual([]);
    // the workload reached every kind of operation
    for (const op of [
      'donate 201',
      'void 200',
      'transfer 201',
      'openVote 201',
      'ballot 201',
      'pay 201',
      'publish 201',
      'resolve 200',
      'recover 201',
    ])
      expect(Object.keys(result.outcomes).some((k) => k.startsWith(op))).toBe(true);
  }, 180_000);

  it('reports books that do not add up (the checker itself)', async () => {
    const soc = await t.fx.society({ roles: ['treasurer'] });
    const gift = await t.fx.donation(soc, { amountFen: 10_000 });
    await t.fx.donation(soc, { amountFen: 20_000 });
    expect((await checkInvariants(t.config.DATABASE_URL!, [soc.id])).violations).toEqual([]);
    // what only someone at the database could do: a cached balance moved, a hold for nothing, a
    // receipt number skipped, an audit event rewritten
    await t.db.query(
      `UPDATE accounts SET balance_fen = balance_fen + 1 WHERE society_id = $1 AND code = 'donations'`,
      [soc.id],
    );
    await t.db.query(`INSERT INTO holds (society_id, amount_fen) VALUES ($1, 500)`, [soc.id]);
    await t.db.query(
      `UPDATE donations SET receipt_no = split_part(receipt_no, '-', 1) || '-000009' WHERE society_id = $1 AND id = $2`,
      [soc.id, gift.id],
    );
    await t.db.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
    await t.db.query(`UPDATE audit_events SET data = '{"forged": true}' WHERE society_id = $1 AND seq = 2`, [
      soc.id,
    ]);
    await t.db.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);
    const found = (await checkInvariants(t.config.DATABASE_URL!, [soc.id])).violations.join('\n');
    expect(found).toMatch(/account donations cached 30001 ≠ ledger 30000/);
    expect(found).toMatch(/fund held 0 ≠ open holds 500/);
    expect(found).toMatch(/stays open for a missing case/);
    expect(found).toMatch(/receipt numbers of \d{4} have gaps/);
    expect(found).toMatch(/audit chain .* is broken at seq 2/);
  });
});
