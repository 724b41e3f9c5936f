import { ValidationError } from 'class-validator';
import { AppError } from './app-error';
import { fieldError, validationError } from './validation';

function err(
  property: string,
  constraints: Record<string, string>,
  children: ValidationError[] = [],
  contexts?: Record<string, unknown>,
): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children, contexts });
}

describe('validation errors', () => {
  it('maps class-validator errors to { field: [messages] } in both languages, nested fields dotted', () => {
    const e = validationError([
      err('name', { isString: 'name must be a string' }),
      err('settings', {}, [err('voteWindowHours', { min: 'voteWindowHours must not be less than 1' })]),
      err('quorum', { isFraction: 'bad fraction' }, [], { isFraction: { zh: '分数不对' } }),
      err('color', { whitelistValidation: 'property color should not exist' }),
    ]);
    expect(e).toBeInstanceOf(AppError);
    expect(e.status).toBe(400);
    expect(e.detailsIn('en')).toEqual({
      name: ['name must be a string'],
      'settings.voteWindowHours': ['voteWindowHours must not be less than 1'],
      quorum: ['bad fraction'],
      color: ['property color should not exist'],
    });
    expect(e.detailsIn('zh')).toEqual({
      name: ['必须是字符串'],
      'settings.voteWindowHours': ['不能小于 1'],
      quorum: ['分数不对'],
      color: ['不允许的字段'],
    });
  });

  it('keeps the English text for a constraint without a Chinese one', () => {
    expect(validationError([err('x', { somethingNew: 'x is odd' })]).detailsIn('zh')).toEqual({
      x: ['x is odd'],
    });
  });

  it('builds a one-field error', () => {
    const e = fieldError('cursor', '无效', 'invalid');
    expect([e.code, e.detailsIn('zh'), e.detailsIn('en'), e.messageIn('en')]).toEqual([
      'VALIDATION_FAILED',
      { cursor: ['无效'] },
      { cursor: ['invalid'] },
      'The request is invalid',
    ]);
  });
});
