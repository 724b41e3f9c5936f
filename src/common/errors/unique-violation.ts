import { AppError } from './app-error';

const PG_UNIQUE_VIOLATION = '23505';

/**
 * What each unique constraint means to a client: the field it guards and what to say. A unique
 * violation is answered 409 CONFLICT here, once, wherever it is raised (the transaction is aborted
 * by then, so a service could do nothing else with it); one not listed gets the generic message.
 */
const CONFLICTS: Record<string, { field: string; zh: string; en: string }> = {
  users_username_key: { field: 'username', zh: '用户名已被使用', en: 'The username is taken' },
  societies_region_name_key: {
    field: 'name',
    zh: '本区划内已有同名互助社',
    en: 'A society with this name already exists in this region',
  },
  memberships_active_key: {
    field: 'userId',
    zh: '该用户已是本互助社成员',
    en: 'The user is already a member of this society',
  },
};

/** The constraint a PostgreSQL unique violation names (as pg or TypeORM's QueryFailedError carry it). */
export function uniqueViolationConstraint(e: unknown): string | null {
  const err = e as {
    code?: unknown;
    constraint?: unknown;
    driverError?: { code?: unknown; constraint?: unknown };
  };
  if ((err?.driverError?.code ?? err?.code) !== PG_UNIQUE_VIOLATION) return null;
  const constraint = err?.driverError?.constraint ?? err?.constraint;
  return typeof constraint === 'string' ? constraint : '';
}

/** 409 CONFLICT for a unique violation, with the constraint's message; null for any other error. */
export function conflictOf(e: unknown): AppError | null {
  const constraint = uniqueViolationConstraint(e);
  if (constraint === null) return null;
  const known = CONFLICTS[constraint];
  return known
    ? new AppError('CONFLICT', { field: known.field }, { zh: known.zh, en: known.en })
    : new AppError('CONFLICT');
}

/** Whether the constraint has its own message above (an unlisted one is worth a warning). */
export function isKnownConflict(constraint: string): boolean {
  return Object.hasOwn(CONFLICTS, constraint);
}
