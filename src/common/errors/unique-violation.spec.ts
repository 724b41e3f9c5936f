import { QueryFailedError } from 'typeorm';
import { AppError } from './app-error';
import { toAppError } from './all-exceptions.filter';
import { conflictOf, uniqueViolationConstraint } from './unique-violation';

/** The shape pg gives a unique violation, and TypeORM's wrapper around it. */
const pgError = (constraint: string, code = '23505') =>
  Object.assign(new Error(`duplicate key value violates unique constraint "${constraint}"`), {
    code,
    constraint,
  });
const typeormError = (constraint: string, code = '23505') =>
  new QueryFailedError('INSERT …', [], pgError(constraint, code));

describe('unique violations → 409 CONFLICT (once, in toAppError)', () => {
  it.each([
    ['users_username_key', 'username', '用户名已被使用', 'The username is taken'],
    [
      'societies_region_name_key',
      'name',
      '本区划内已有同名互助社',
      'A society with this name already exists in this region',
    ],
    [
      'memberships_active_key',
      'userId',
      '该用户已是本互助社成员',
      'The user is already a member of this society',
    ],
  ])('%s: the field and message the services gave', (constraint, field, zh, en) => {
    for (const e of [pgError(constraint), typeormError(constraint)]) {
      const error = toAppError(e);
      expect(error).toBeInstanceOf(AppError);
      expect([error.status, error.code, error.details, error.messageIn('zh'), error.messageIn('en')]).toEqual(
        [409, 'CONFLICT', { field }, zh, en],
      );
    }
  });

  it('gives an unlisted unique constraint the generic CONFLICT, without naming it', () => {
    const error = toAppError(typeormError('donations_society_id_receipt_no_key'));
    expect([error.code, error.details, error.messageIn('en')]).toEqual([
      'CONFLICT',
      undefined,
      'Conflicts with an existing record',
    ]);
    expect(uniqueViolationConstraint(typeormError('donations_society_id_receipt_no_key'))).toBe(
      'donations_society_id_receipt_no_key',
    );
  });

  it('leaves other database errors to be a 500', () => {
    expect(conflictOf(typeormError('memberships_user_id_fkey', '23503'))).toBeNull();
    expect(toAppError(typeormError('x', '23514')).code).toBe('INTERNAL_ERROR');
    expect(toAppError(new Error('boom')).code).toBe('INTERNAL_ERROR');
    expect(uniqueViolationConstraint(new Error('boom'))).toBeNull();
  });
});
