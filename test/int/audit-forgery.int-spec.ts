// An insider with write access to the database forges the audit trail with correct hashes: plain
// recomputation passes (the documented limit of any hash chain, SECURITY.md), the heads noted outside
// the database (a resident's note of a notice, the notices' printed heads) catch it, naming the seq.
import { chainHash, GENESIS_HASH } from '../../src/audit/domain/hash-chain';
import { runCli } from '../support/cli';
import { paidCase, publish } from '../support/disclosure-fixtures';
import { TEST_PII_KEY, withTestApp } from '../support/test-app';

interface Row {
  seq: string;
  at: Date;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  data: Record<string, unknown>;
}

describe('audit forgery from inside', () => {
  const t = withTestApp();
  let env: Record<string, string>;

  beforeAll(() => {
    env = { DATABASE_URL: t.config.DATABASE_URL, JWT_SECRET: t.config.JWT_SECRET, PII_KEY: TEST_PII_KEY };
  });

  /** A society with a paid case on a notice; returns the head the notice printed, as a resident notes it. */
  async function societyWithNotice() {
    const soc = await t.fx.society({ board: 3 });
    await t.fx.donation(soc, { amountFen: 100_000 });
    const c = await paidCase(t, soc, { amountFen: 20_000 });
    const d = await publish(t, soc, [c.id]);
    const pub = await t.http.get(`/api/v1/public/disclosures/${d.id}`).expect(200);
    const head = pub.body.auditHead as { seq: number; hash: string };
    await t.fx.donation(soc, { amountFen: 5_000 }); // life goes on after the notice
    return { soc, head, noticeNo: d.noticeNo };
  }

  /** Behind the append-only trigger, as a DBA could: rows replaced by `rows`, rehashed from the first, head moved. */
  async function rewrite(societyId: string, fromSeq: number, rows: Omit<Row, 'seq'>[]) {
    const prev = await t.db.query<{ hash: string }>(
      `SELECT hash FROM audit_events WHERE society_id = $1 AND seq = $2`,
      [societyId, fromSeq - 1],
    );
    let prevHash = prev.rows[0]?.hash ?? GENESIS_HASH;
    await t.db.query('BEGIN');
    await t.db.query('SET LOCAL session_replication_role = replica');
    await t.db.query(`DELETE FROM audit_events WHERE society_id = $1 AND seq >= $2`, [societyId, fromSeq]);
    let seq = fromSeq;
    for (const r of rows) {
      const event = {
        seq,
        at: r.at,
        actorId: r.actor_id,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        data: r.data,
      };
      const hash = chainHash(prevHash, event);
      await t.db.query(
        `INSERT INTO audit_events (society_id, seq, at, actor_id, action, entity, entity_id, data, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          societyId,
          seq,
          r.at,
          r.actor_id,
          r.action,
          r.entity,
          r.entity_id,
          JSON.stringify(r.data),
          prevHash,
          hash,
        ],
      );
      prevHash = hash;
      seq++;
    }
    await t.db.query(`UPDATE audit_heads SET seq = $2, hash = $3 WHERE society_id = $1`, [
      societyId,
      seq - 1,
      prevHash,
    ]);
    await t.db.query('COMMIT');
  }

  async function eventsFrom(societyId: string, fromSeq: number): Promise<Row[]> {
    const { rows } = await t.db.query<Row>(
      `SELECT seq, at, actor_id, action, entity, entity_id, data FROM audit_events
        WHERE society_id = $1 AND seq >= $2 ORDER BY seq`,
      [societyId, fromSeq],
    );
    return rows;
  }

  /** The thorough insider also rewrites the head printed in the notices' stored snapshots. */
  async function rewriteStoredNotices(societyId: string, seq: number) {
    const { rows } = await t.db.query<{ hash: string }>(
      `SELECT hash FROM audit_events WHERE society_id = $1 AND seq = $2`,
      [societyId, seq],
    );
    await t.db.query('BEGIN');
    await t.db.query('SET LOCAL session_replication_role = replica');
    await t.db.query(
      `UPDATE disclosures SET snapshot = jsonb_set(snapshot, '{auditHead,hash}', to_jsonb($2::text)) WHERE society_id = $1`,
      [societyId, rows[0]!.hash],
    );
    await t.db.query('COMMIT');
  }

  it('a rewritten and rehashed past hashes, but not through the head a resident noted from the notice', async () => {
    const { soc, head } = await societyWithNotice();
    expect((await runCli(['audit:verify', soc.id], env)).code).toBe(0);

    // A forged event inserted before the notice (a ballot that never was), everything after renumbered and rehashed.
    const k = 3;
    const tail = await eventsFrom(soc.id, k);
    const forged = { ...tail[0]!, action: 'ballot.cast', entity: 'ballot', data: { choice: 'approve' } };
    await rewrite(soc.id, k, [forged, ...tail]);
    await rewriteStoredNotices(soc.id, head.seq);

    const plain = await runCli(['audit:verify', soc.id], env);
    expect(plain.code).toBe(0); // the documented limit: a chain alone cannot tell
    expect(plain.stdout).toMatch(/^ok {6}\S+: \d+ events, through 1 noted head\n/);

    const prefix = head.hash.slice(0, 12); // what the residents' page and the printed notice show
    const noted = await runCli(['audit:verify', '--society', soc.id, '--head', `${head.seq}:${prefix}`], env);
    expect(noted.code).toBe(1);
    expect(noted.stdout).toContain(`FORGED  ${soc.id}: the chain hashes`);
    expect(noted.stdout).toContain(`FORGED at seq ${head.seq}: the chain now has `);
    expect(noted.stdout).toContain(`(--head ${head.seq}:${prefix})`);
    expect(noted.stdout).toMatch(/\n0 of 1 chains intact\n$/);

    // The full hash from the public API works the same.
    const full = await runCli(['audit:verify', soc.id, '--head', `${head.seq}:${head.hash}`], env);
    expect(full.code).toBe(1);
    expect(full.stdout).toContain(`FORGED at seq ${head.seq}:`);
  }, 180_000); // three runs of the command, each a process

  it('an insider who leaves the notices alone is caught by their printed heads without any --head', async () => {
    const { soc, head, noticeNo } = await societyWithNotice();
    const tail = await eventsFrom(soc.id, 2);
    await rewrite(soc.id, 2, [{ ...tail[0]!, data: { ...tail[0]!.data, forged: true } }, ...tail.slice(1)]);
    const run = await runCli(['audit:verify'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`FORGED at seq ${head.seq}:`);
    expect(run.stdout).toContain(`(notice ${noticeNo})`);
  });

  it('a history cut back and re-appended ends before the noted head', async () => {
    const { soc, head } = await societyWithNotice();
    const kept = await eventsFrom(soc.id, 1);
    await rewrite(soc.id, 1, kept.slice(0, head.seq - 2));
    await rewriteStoredNotices(soc.id, 1);
    const run = await runCli(['audit:verify', soc.id, '--head', `${head.seq}:${head.hash}`], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`FORGED at seq ${head.seq}: the chain ends at seq ${head.seq - 2}`);
  });

  it('a forged event appended after the notice but dated before it is reported as backdated', async () => {
    const { soc, head } = await societyWithNotice();
    const last = await eventsFrom(soc.id, 1);
    const lastSeq = Number(last.at(-1)!.seq);
    const backdated = {
      ...last[0]!,
      at: new Date(Date.now() - 30 * 86_400_000),
      action: 'case.paid',
      entity: 'case',
      data: { amountFen: 99_900 },
    };
    await rewrite(soc.id, lastSeq + 1, [backdated]);
    const plain = await runCli(['audit:verify', soc.id, '--head', `${head.seq}:${head.hash}`], env);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain(`FORGED at seq ${lastSeq + 1}: dated `);
    expect(plain.stdout).toContain('appended later and backdated');
  });

  it('refuses a malformed --head and a --head without a society (exit 2)', async () => {
    const bad = await runCli(['audit:verify', '--society', t.admin.id, '--head', '12:xyz'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--head must be <seq>:');
    const alone = await runCli(['audit:verify', '--head', `1:${'a'.repeat(64)}`], env);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--head needs the society');
  });
});
