import { AppError } from './app-error';

/** Socket errors of a database that cannot be reached (refused, reset, unreachable, timed out). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that is going away or not taking connections: class 08 (connection
 * exception), 57P01–57P03 (admin/crash shutdown, cannot connect now), 53300 (too many connections),
 * 25006 (a write reached a standby: during a failover, before the pool has moved to the new primary).
 */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[1-3]|53300|25006)$/;

/** What node-postgres and its pool throw when the connection is lost or cannot be made. */
const LOST_CONNECTION =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|Client was closed|Connection ended|the database system is (starting up|shutting down|in recovery mode)|terminating connection|no writable database server|connection provided by a query runner was already released|Query runner already released/i;

/**
 * Whether `e` (a TypeORM error wrapping a pg error, or the pg/socket error itself) says the database
 * is unreachable: the request failed because of the outage, not because of anything it asked.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  for (
    let err = e as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown } | undefined,
      depth = 0;
    err && depth < 4;
    depth++
  ) {
    const code = typeof err.code === 'string' ? err.code : undefined;
    if (code && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
    if (typeof err.message === 'string' && LOST_CONNECTION.test(err.message)) return true;
    err = (err.driverError ?? err.cause) as typeof err;
  }
  return false;
}

/** Seconds a client should wait before trying again while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** 503 SERVICE_UNAVAILABLE in the contract's format: the database is away, nothing was changed. */
export function databaseUnavailable(): AppError {
  return new AppError(
    'SERVICE_UNAVAILABLE',
    { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
    {
      zh: '数据库暂时不可用，本次操作未执行，请稍后重试',
      en: 'The database is temporarily unavailable; nothing was changed; please try again shortly',
    },
  );
}
