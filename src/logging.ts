import type { IncomingMessage } from 'node:http';
import pino, { DestinationStream, LoggerOptions } from 'pino';
import { prettyFactory } from 'pino-pretty';

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
  // Database errors carry the statement's parameters, the offending key's value and, in `where`,
  // the text around a bad value (errorSerializer below keeps none of these; this is a second net).
  'err.parameters',
  'err.detail',
  'err.where',
  'err.hint',
  'err.driverError.parameters',
  'err.driverError.detail',
  'err.driverError.where',
  'err.driverError.hint',
];

/** What an error may carry into the log: which error and where in our code, never the values. */
const SAFE_ERROR_FIELDS = ['code', 'routine', 'constraint', 'table', 'column', 'dataType', 'severity'];

/** Messages quote values in double quotes (PostgreSQL: `invalid input syntax for type uuid: "…"`; JSON.parse). */
const withoutQuotedValues = (s: string) => s.replace(/"(?:[^"\\]|\\.)*"/g, '"…"');

/**
 * pino's `err` serializer (after pino's own): type, message and stack frames with quoted values
 * blanked, and the identifying fields of a database error; parameters, `detail`, `where`, causes
 * and any other property are dropped.
 */
export function errorSerializer(err: unknown): unknown {
  if (err === null || typeof err !== 'object') return err;
  const e = err as Record<string, unknown>;
  const driver = (typeof e.driverError === 'object' && e.driverError) || {};
  const out: Record<string, unknown> = { type: e.type ?? e.name };
  const message = typeof e.message === 'string' ? withoutQuotedValues(e.message) : undefined;
  if (message !== undefined) out.message = message;
  if (typeof e.stack === 'string') {
    const frames = e.stack.split('\n').filter((line) => /^\s+at /.test(line));
    out.stack = [`${String(out.type)}: ${message ?? ''}`, ...frames].join('\n');
  }
  for (const key of SAFE_ERROR_FIELDS) {
    const value = (e[key] ?? (driver as Record<string, unknown>)[key]) as unknown;
    if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  }
  return out;
}

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
  err: errorSerializer,
  req: (req: IncomingMessage & { id?: string }) => ({
    id: req.id,
    method: req.method,
    url: (req.url ?? '').split('?')[0],
  }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
};

/**
 * JSON lines for machines, readable lines for a person at a terminal: LOG_FORMAT (`json`, `pretty`)
 * when set, else pretty exactly when stdout is a terminal. `npm run start:prod` sets json.
 */
export type LogFormat = 'json' | 'pretty';

export function logFormat(setting: string | undefined, stdoutIsTTY: boolean): LogFormat {
  if (setting === 'json' || setting === 'pretty') return setting;
  return stdoutIsTTY ? 'pretty' : 'json';
}

/**
 * Where lines go: stdout as JSON (pino's default), or pretty-printed in this process, synchronously,
 * so that they keep their order with what main.ts prints. Redaction happens before either.
 */
export function logDestination(format: LogFormat): DestinationStream | undefined {
  if (format === 'json') return undefined;
  const prettify = prettyFactory({
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service,context,req,res,responseTime',
    messageFormat: (log, key) => {
      const context = typeof log.context === 'string' ? `[${log.context}] ` : '';
      const req = log.req as { method?: string; url?: string } | undefined;
      const res = log.res as { statusCode?: number } | undefined;
      const request =
        req && res ? `${req.method} ${req.url} ${res.statusCode} ${String(log.responseTime)}ms ` : '';
      const message = log[key];
      return `${context}${request}${typeof message === 'string' ? message : ''}`;
    },
  });
  return { write: (line: string) => void process.stdout.write(prettify(line)) };
}

/** Logs from before the Nest app exists (embedded database, configuration). */
export function bootLogger(
  level = process.env.LOG_LEVEL || 'info',
  format = logFormat(process.env.LOG_FORMAT, process.stdout.isTTY === true),
) {
  const options = { ...loggerOptions(level), serializers: { err: errorSerializer } };
  const destination = logDestination(format);
  return destination ? pino(options, destination) : pino(options);
}
