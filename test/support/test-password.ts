import argon2 from 'argon2';

/** Every fixture user's password (test/support/fixtures.ts). */
export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * Fixtures create users through UsersService, which hashes each password with argon2id at full
 * cost (~0.2–0.3 s): a staffed society would take seconds. Loaded before each test file
 * (jest.config.js `setupFiles`, before any import of src/auth/passwords.ts copies argon2's exports),
 * this makes argon2 hash TEST_PASSWORD once per file and hand that same real hash to every user who
 * has it — as the first factories did. Any other password is hashed as in production.
 */
const realHash = argon2.hash;
const once = new Map<string, Promise<string>>();
argon2.hash = ((plain: string | Buffer, options?: { raw?: boolean }) => {
  if (plain !== TEST_PASSWORD || options?.raw) return realHash(plain, options);
  const key = JSON.stringify(options ?? {});
  if (!once.has(key)) once.set(key, realHash(plain, options) as Promise<string>);
  return once.get(key)!;
}) as typeof realHash;
