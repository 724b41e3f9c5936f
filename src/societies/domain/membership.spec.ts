import { mayChangeMembership } from './membership';

describe('mayChangeMembership', () => {
  const me = '5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f';
  const other = '8d7e6f5a-1b2c-4d3e-8f90-a1b2c3d4e5f6';

  it('lets a member change the membership of someone else', () => {
    expect(mayChangeMembership({ id: me, platformRole: null }, other)).toBe(true);
  });

  it('refuses a change to your own membership, however the id is written', () => {
    expect(mayChangeMembership({ id: me, platformRole: null }, me)).toBe(false);
    expect(mayChangeMembership({ id: me, platformRole: null }, me.toUpperCase())).toBe(false);
    expect(mayChangeMembership({ id: me, platformRole: 'overseer' }, me)).toBe(false);
  });

  it('lets a platform admin change their own', () => {
    expect(mayChangeMembership({ id: me, platformRole: 'admin' }, me)).toBe(true);
  });
});
