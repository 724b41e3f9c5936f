import { AuditService } from '../../src/audit/audit.service';
import { PLATFORM_CHAIN } from '../../src/audit/domain/hash-chain';
import {
  BACKOFF_BASE_SECONDS,
  BACKOFF_THRESHOLD,
  LOCK_MINUTES,
  MAX_FAILURES,
  WINDOW_MINUTES,
} from '../../src/auth/domain/login-limits';
import { LoginThrottle } from '../../src/auth/login-throttle';
import { UsersService } from '../../src/auth/users.service';
import { Principal } from '../../src/common/access/roles';
import { MembershipsService } from '../../src/societies/memberships.service';
import { SocietiesService } from '../../src/societies/societies.service';
import { startTestApp, TestApp } from '../support/test-app';

const MINUTE = 60_000;

/** societies/, auth/ and audit/ take every business instant from the Clock, none from the database's now(). */
describe('business timestamps come from the Clock (societies, memberships, users, audit, login throttle)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.clock.reset());
  afterAll(() => t.close());

  it("stamps users, societies, memberships, password changes and audit events with the clock's instant", async () => {
    const users = t.app.get(UsersService);
    const societies = t.app.get(SocietiesService);
    const memberships = t.app.get(MembershipsService);
    const T0 = new Date('2031-05-06T07:08:09.123Z');
    const T1 = new Date(T0.getTime() + MINUTE);
    const T2 = new Date(T1.getTime() + MINUTE);
    const iso = (d: Date) => d.toISOString();

    t.clock.set(T0);
    const admin = await t.run(() =>
      users.create(
        {
          username: 'clock-admin',
          password: 'a long passphrase',
          displayName: '管理员',
          platformRole: 'admin',
        },
        null,
      ),
    );
    const actor: Principal = {
      id: admin.id,
      username: admin.username,
      displayName: '管理员',
      platformRole: 'admin',
    };
    const society = await t.run(() =>
      societies.create({ name: '时钟互助社', regionCode: '341702001001' }, actor),
    );
    expect([admin.createdAt, society.createdAt, society.updatedAt]).toEqual([iso(T0), iso(T0), iso(T0)]);

    t.clock.set(T1);
    const updated = await t.run(() => societies.update(society.id, { address: '村委会' }, actor));
    expect([updated.createdAt, updated.updatedAt]).toEqual([iso(T0), iso(T1)]);
    expect((await t.run(() => societies.get(society.id))).updatedAt).toBe(iso(T1));
    const member = await t.run(() =>
      users.create({ username: 'clock-member', password: 'a long passphrase', displayName: '李四' }, null),
    );
    const added = await t.run(() =>
      memberships.add(society.id, { userId: member.id, roles: ['board'] }, actor),
    );
    expect([added.since, added.until]).toEqual([iso(T1), null]);

    t.clock.set(T2);
    await t.run(() => memberships.deactivate(society.id, member.id, actor));
    const listed = await t.run(() => memberships.list(society.id, { includeInactive: true }));
    expect(listed.items.map((m) => [m.username, m.since, m.until])).toEqual([
      ['clock-member', iso(T1), iso(T2)],
    ]);
    await t.run(() => users.setPassword(member.id, 'another long passphrase', admin.id));
    const changed = await t.db.query(`SELECT password_changed_at FROM users WHERE id = $1`, [member.id]);
    expect(changed.rows[0].password_changed_at).toEqual(T2);

    const audit = t.app.get(AuditService);
    const societyEvents = (await t.run(() => audit.list(society.id, {}))).items;
    expect(societyEvents.map((e) => [e.action, e.at])).toEqual([
      ['society.created', iso(T0)],
      ['society.updated', iso(T1)],
      ['member.added', iso(T1)],
      ['member.deactivated', iso(T2)],
    ]);
    const platform = (await t.run(() => audit.list(PLATFORM_CHAIN, { limit: 100 }))).items;
    expect(platform.filter((e) => e.entityId === member.id).map((e) => [e.action, e.at])).toEqual([
      ['user.created', iso(T1)],
      ['user.password_changed', iso(T2)],
    ]);
    expect((await t.run(() => audit.verify(society.id))).ok).toBe(true);
  });

  it("moves the login throttle's lock and back-off windows with the clock", async () => {
    const throttle = t.app.get(LoginThrottle);
    t.clock.set('2031-05-06T07:00:00.000Z');
    for (let i = 0; i < MAX_FAILURES; i++) await throttle.recordFailure('victim', '1.2.3.4');
    await expect(throttle.assertMayAttempt('victim', '1.2.3.4')).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      retryAfter: LOCK_MINUTES * 60,
    });
    t.clock.advance(LOCK_MINUTES * MINUTE - 1000);
    await expect(throttle.assertMayAttempt('victim', '1.2.3.4')).rejects.toMatchObject({ retryAfter: 1 });
    t.clock.advance(1000);
    await expect(throttle.assertMayAttempt('victim', '1.2.3.4')).resolves.toBeUndefined();

    // A spray from many addresses: each new address waits for the next slot, which the clock opens.
    for (let i = 0; i < BACKOFF_THRESHOLD; i++) await throttle.recordFailure('sprayed', `10.0.${i}.1`);
    await expect(throttle.assertMayAttempt('sprayed', '10.9.9.9')).rejects.toMatchObject({
      retryAfter: BACKOFF_BASE_SECONDS,
    });
    t.clock.advance(BACKOFF_BASE_SECONDS * 1000);
    await expect(throttle.assertMayAttempt('sprayed', '10.9.9.9')).resolves.toBeUndefined(); // took the slot
    await expect(throttle.assertMayAttempt('sprayed', '10.8.8.8')).rejects.toMatchObject({
      retryAfter: BACKOFF_BASE_SECONDS,
    });
    // Once the failure window is over, the username is no longer sprayed.
    t.clock.advance(WINDOW_MINUTES * MINUTE + 1000);
    await expect(throttle.assertMayAttempt('sprayed', '10.8.8.8')).resolves.toBeUndefined();
  });
});
