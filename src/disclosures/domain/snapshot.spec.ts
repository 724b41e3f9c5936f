import fc from 'fast-check';
import { canonicalJson, sha256Hex } from '../../common/crypto/canonical-json';
import type { PublicItem } from './public-item';
import { buildSnapshot, checkCode, snapshotSha256, SnapshotInput } from './snapshot';

const item = (caseNo: string, amountFen: number): PublicItem => ({
  caseNo,
  displayName: '小范（化名）',
  category: 'serious_illness',
  categoryLabel: '因病',
  amountFen,
  approvedOn: '2026-11-29',
  paidOn: '2026-11-30',
  vote: { eligible: 9, cast: 6, approve: 6 },
});

const input = (over: Partial<SnapshotInput> = {}): SnapshotInput => ({
  societyId: '5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f',
  societyName: '杏花村互助社',
  regionCode: '341702001001',
  contactPhone: '0566-2021234',
  noticeNo: '2026-001',
  publishedAt: '2026-12-01T02:00:00.000Z',
  publishedOn: '2026-12-01',
  periodFrom: '2026-12-01',
  periodTo: '2026-12-07',
  endsAt: '2026-12-07T16:00:00.000Z',
  note: null,
  items: [item('2026-0001', 100_000), item('2026-0002', 50_050)],
  auditHead: { seq: 42, hash: 'a'.repeat(64) },
  ...over,
});

describe('buildSnapshot', () => {
  it('is version 1 with the total of the items', () => {
    const s = buildSnapshot(input());
    expect(s).toMatchObject({ v: 1, noticeNo: '2026-001', totalFen: 150_050 });
    expect(s.items).toHaveLength(2);
  });

  it('copies only the snapshot fields (an extra field handed in stays out)', () => {
    const s = buildSnapshot({ ...input(), secret: 'x' } as SnapshotInput);
    expect(Object.keys(s).sort()).toEqual(
      [
        'v',
        'societyId',
        'societyName',
        'regionCode',
        'contactPhone',
        'noticeNo',
        'publishedAt',
        'publishedOn',
        'periodFrom',
        'periodTo',
        'endsAt',
        'note',
        'items',
        'totalFen',
        'auditHead',
      ].sort(),
    );
  });

  it('refuses a notice without cases', () => {
    expect(() => buildSnapshot(input({ items: [] }))).toThrow(RangeError);
  });
});

describe('snapshotSha256 and checkCode', () => {
  it('is the SHA-256 of the canonical JSON; the check code its first 12 hex digits', () => {
    const s = buildSnapshot(input());
    const sha = snapshotSha256(s);
    expect(sha).toBe(sha256Hex(canonicalJson(s)));
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(checkCode(sha)).toBe(sha.slice(0, 12));
    expect(checkCode(sha)).toHaveLength(12);
  });

  it('does not depend on key order, as stored jsonb gives keys back in its own order', () => {
    const s = buildSnapshot(input());
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(s).reverse()))) as typeof s;
    expect(snapshotSha256(reordered)).toBe(snapshotSha256(s));
  });

  it('changes with any published fact (property)', () => {
    const base = buildSnapshot(input());
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.string({ maxLength: 20 }), (fen, note) => {
        fc.pre(fen !== 100_000 && note !== '');
        const other = buildSnapshot(input({ items: [item('2026-0001', fen), item('2026-0002', 50_050)] }));
        expect(snapshotSha256(other)).not.toBe(snapshotSha256(base));
        expect(snapshotSha256(buildSnapshot(input({ note })))).not.toBe(snapshotSha256(base));
      }),
    );
  });

  it('refuses what is not a hex SHA-256', () => {
    expect(() => checkCode('abc')).toThrow(RangeError);
    expect(() => checkCode('A'.repeat(64))).toThrow(RangeError);
  });
});
