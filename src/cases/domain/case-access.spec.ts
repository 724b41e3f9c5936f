import { canSeeCase, isCollectorOnly } from './case-access';

const me = '5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f';
const other = '00000000-0000-4000-8000-000000000001';

describe('case access (domain/case-access.ts)', () => {
  it('limits a collector to the drafts they filed', () => {
    const caller = { userId: me, roles: ['collector'] as const, platformRole: null };
    expect(canSeeCase(caller, { filedBy: me, status: 'draft' })).toBe(true);
    expect(canSeeCase(caller, { filedBy: me.toUpperCase(), status: 'draft' })).toBe(true);
    expect(canSeeCase(caller, { filedBy: other, status: 'draft' })).toBe(false);
    expect(canSeeCase(caller, { filedBy: me, status: 'voting' })).toBe(false);
  });

  it('does not limit a collector who holds another role, nor the other roles', () => {
    expect(isCollectorOnly({ userId: me, roles: ['collector', 'secretary'], platformRole: null })).toBe(
      false,
    );
    expect(isCollectorOnly({ userId: me, roles: ['board'], platformRole: null })).toBe(false);
    expect(isCollectorOnly({ userId: me, roles: ['collector'], platformRole: 'overseer' })).toBe(false);
    const board = { userId: me, roles: ['board'] as const, platformRole: null };
    expect(canSeeCase(board, { filedBy: other, status: 'paid' })).toBe(true);
  });
});
