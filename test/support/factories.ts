import { hashPassword } from '../../src/auth/passwords';
import { PlatformRole, SocietyRole } from '../../src/common/access/roles';
import { asTestUser, TEST_PASSWORD, type TestUser, unique } from './fixtures';
import { TestApp } from './test-app';

/**
 * The first helpers, through HTTP and SQL, still used by role-matrix.e2e-spec.ts and
 * ledger.int-spec.ts. New tests use withTestApp() and its fixtures (`t.fx`, fixtures.ts), which build
 * the same data through the services; this file goes once those two have moved.
 */
export { TEST_PASSWORD };
export type { TestUser };
let passwordHash: Promise<string> | undefined;

/** A user straight in the database (hashing once per file keeps factories fast). */
export async function newUser(
  t: TestApp,
  opts: { platformRole?: PlatformRole; username?: string; displayName?: string } = {},
): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const username = opts.username ?? unique('user');
  const displayName = opts.displayName ?? '测试用户';
  const platformRole = opts.platformRole ?? null;
  const { rows } = await t.db.query<{ id: string }>(
    `INSERT INTO users (username, display_name, password_hash, platform_role) VALUES ($1, $2, $3, $4) RETURNING id`,
    [username, displayName, await passwordHash, platformRole],
  );
  return asTestUser(t, { id: rows[0].id, username, displayName, platformRole });
}

export const newAdmin = (t: TestApp) => newUser(t, { platformRole: 'admin' });

/** A society through the API (so it is audited as in production). */
export async function newSociety(
  t: TestApp,
  admin: TestUser,
  body: Record<string, unknown> = {},
): Promise<{ id: string; name: string }> {
  const res = await t.http
    .post('/api/v1/societies')
    .set(admin.auth)
    .send({ name: unique('互助社'), regionCode: '341702001001', ...body });
  if (res.status !== 201) throw new Error(`newSociety: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; name: string };
}

/** A user holding `roles` in the society. */
export async function newMember(
  t: TestApp,
  admin: TestUser,
  societyId: string,
  roles: SocietyRole[],
): Promise<TestUser> {
  const user = await newUser(t);
  const res = await t.http
    .post(`/api/v1/societies/${societyId}/members`)
    .set(admin.auth)
    .send({ userId: user.id, roles });
  if (res.status !== 201) throw new Error(`newMember: ${res.status} ${JSON.stringify(res.body)}`);
  return user;
}
