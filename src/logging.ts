import type { IncomingMessage } from 'node:http';
import pino, { LoggerOptions } from 'pino';

/**
 * Paths pino blanks in every log line. Personal data (phones, ID numbers, names of applicants,
 * bank accounts) and credentials must never reach a log.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.accessToken',
  '*.phone',
  '*.contactPhone',
  '*.idNumber',
  '*.accountNo',
  '*.address',
  '*.applicant',
  '*.payee',
  // Database errors carry the statement's parameters and the offending key's value.
  'err.parameters',
  'err.detail',
  'err.driverError.parameters',
  'err.driverError.detail',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { service: 'huzhu' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
}

/** Request lines carry the path only: query strings may hold searched names. */
export const requestSerializers = {
  req: (req: IncomingMessage & { id?: string }) => ({
    id: req.id,
    method: req.method,
    url: (req.url ?? '').split('?')[0],
  }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
};

/** Logs from before the Nest app exists (embedded database, configuration). */
export function bootLogger(level = process.env.LOG_LEVEL || 'info') {
  return pino(loggerOptions(level));
}
