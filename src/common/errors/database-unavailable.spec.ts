import { QueryFailedError } from 'typeorm';
import { toAppError } from './all-exceptions.filter';
import { isDatabaseUnavailable } from './database-unavailable';

describe('isDatabaseUnavailable (a database outage answers 503, not 500)', () => {
  const socket = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });
  const pg = (code: string, message: string) =>
    Object.assign(new Error(message), { code, severity: 'FATAL' });

  it.each([
    ['a refused connection', socket('ECONNREFUSED')],
    ['a reset connection', socket('ECONNRESET')],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['the pool timing out', new Error('timeout exceeded when trying to connect')],
    ['an administrator shutdown', pg('57P01', 'terminating connection due to administrator command')],
    ['a crash shutdown', pg('57P02', 'terminating connection because of crash of another server process')],
    ['a server starting up', pg('57P03', 'the database system is starting up')],
    ['a connection exception', pg('08006', 'connection failure')],
    ['too many connections', pg('53300', 'sorry, too many clients already')],
    ['a TypeORM error around it', new QueryFailedError('SELECT 1', [], socket('ECONNRESET'))],
    // During a failover (test/failover): a write reaching the old primary turned standby, no host
    // accepting writes yet, and a transaction whose connection died under it.
    ['a write on a standby', pg('25006', 'cannot execute INSERT in a read-only transaction')],
    [
      'no writable host yet',
      new Error('no writable database server among 10.0.0.1:5432: a standby (read-only)'),
    ],
    [
      'a query runner gone with its connection',
      new Error('Query runner already released. Cannot run queries anymore.'),
    ],
    [
      'a transaction whose connection was lost',
      new Error('Database connection provided by a query runner was already released, cannot continue'),
    ],
  ])('recognises %s', (_, e) => {
    expect(isDatabaseUnavailable(e)).toBe(true);
    const answer = toAppError(e);
    expect([answer.status, answer.code, answer.details]).toEqual([
      503,
      'SERVICE_UNAVAILABLE',
      { retryAfterSeconds: 5 },
    ]);
    expect(answer.messageIn('zh')).toContain('数据库暂时不可用');
  });

  it.each([
    ['a unique violation', pg('23505', 'duplicate key value violates unique constraint')],
    ['a check violation', pg('23514', 'new row violates check constraint')],
    ['a serialization failure', pg('40001', 'could not serialize access')],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
  ])('leaves %s alone', (_, e) => {
    expect(isDatabaseUnavailable(e)).toBe(false);
  });
});
