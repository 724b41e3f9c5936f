/** A user's names as member lists show them. */
export interface UserNames {
  username: string;
  displayName: string;
}

/**
 * Where member lists get user names. Users belong to auth/, which may import societies/ but not the
 * other way round, so auth/ provides this (auth/users-data.module.ts) and no societies/ SQL reads
 * the users table.
 */
export abstract class UserDirectory {
  /** The names of these users by id (ids of no user are absent). */
  abstract namesOf(ids: readonly string[]): Promise<Map<string, UserNames>>;
}
