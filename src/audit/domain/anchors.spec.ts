import { BACKDATE_TOLERANCE_MS, checkAnchor, describeProblem, notBefore, parseAnchor } from './anchors';

const hash = 'ab'.repeat(32);

describe('audit anchors', () => {
  it('parses <seq>:<hash> and the 12-digit prefix a notice prints; refuses anything else', () => {
    expect(parseAnchor(`42:${hash}`, 'x')).toEqual({ seq: 42, hash, source: 'x' });
    expect(parseAnchor(` 42:${hash.slice(0, 12).toUpperCase()} `, 'x')).toEqual({
      seq: 42,
      hash: hash.slice(0, 12),
      source: 'x',
    });
    for (const bad of [`0:${hash}`, `42:${hash.slice(0, 11)}`, `42:${hash}0`, `x:${hash}`, `42-${hash}`, ''])
      expect(parseAnchor(bad, 'x')).toBeNull();
  });

  it('passes when the chain has the noted hash (or one starting with the noted prefix) at its seq', () => {
    const anchor = { seq: 3, hash: hash.slice(0, 12), source: 'notice' };
    expect(checkAnchor(anchor, { seq: 3, hash }, 5)).toBeNull();
    expect(checkAnchor({ ...anchor, hash }, { seq: 3, hash }, 5)).toBeNull();
  });

  it('reports a rewritten seq and a removed one, naming the seq', () => {
    const anchor = { seq: 3, hash, source: 'notice 2026-001' };
    const rewritten = checkAnchor(anchor, { seq: 3, hash: 'cd'.repeat(32) }, 5);
    expect(rewritten).toEqual({ kind: 'rewritten', anchor, found: 'cd'.repeat(32) });
    expect(describeProblem(rewritten!)).toMatch(/^FORGED at seq 3: .*notice 2026-001.*rewritten/);
    const missing = checkAnchor(anchor, null, 2);
    expect(missing).toEqual({ kind: 'missing', anchor, lastSeq: 2 });
    expect(describeProblem(missing!)).toMatch(/^FORGED at seq 3: the chain ends at seq 2/);
  });

  it('lets later events be a little older than the anchor (committed just after it was read), no more', () => {
    const at = new Date('2026-11-29T08:00:00Z');
    expect(notBefore({ seq: 1, hash, source: 'x' })).toBeNull();
    expect(notBefore({ seq: 1, hash, at, source: 'x' })).toEqual(
      new Date(at.getTime() - BACKDATE_TOLERANCE_MS),
    );
    const anchor = { seq: 1, hash, at, source: 'x' };
    expect(
      describeProblem({ kind: 'backdated', anchor, seq: 9, at: new Date('2026-11-01T00:00:00Z') }),
    ).toMatch(/^FORGED at seq 9: dated 2026-11-01T00:00:00.000Z, before .* appended later and backdated$/);
  });
});
