import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './app-error';
import { databaseUnavailable, isDatabaseUnavailable } from './database-unavailable';
import { ErrorCode, Lang } from './error-codes';
import { conflictOf, isKnownConflict, uniqueViolationConstraint } from './unique-violation';

/** The language of error messages: Chinese unless the client prefers English. */
export function requestLang(request: { headers: Record<string, string | string[] | undefined> }): Lang {
  const given = request.headers['accept-language'];
  const header = (Array.isArray(given) ? given[0] : (given ?? '')).trim().toLowerCase();
  return header.startsWith('en') ? 'en' : 'zh';
}

/** HTTP statuses raised outside our code (Nest, Fastify, throttler) and the contract code for each. */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * Normalises anything thrown into an AppError: a unique violation becomes CONFLICT
 * (unique-violation.ts); a lost or refused database connection SERVICE_UNAVAILABLE (503 with
 * Retry-After: the transaction did not commit); other unknown errors become INTERNAL_ERROR.
 */
export function toAppError(exception: unknown): AppError {
  if (exception instanceof AppError) return exception;
  if (isDatabaseUnavailable(exception)) return databaseUnavailable();
  const conflict = conflictOf(exception);
  if (conflict) return conflict;
  const status =
    exception instanceof HttpException
      ? exception.getStatus()
      : typeof (exception as { statusCode?: unknown })?.statusCode === 'number'
        ? (exception as { statusCode: number }).statusCode
        : 500;
  const code = CODE_BY_STATUS[status];
  if (!code || status >= 500) return new AppError(status === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_ERROR');
  if (code === 'VALIDATION_FAILED') {
    // Malformed JSON, bad content for a parser, etc. Say what was wrong without internals.
    const fastifyCode = (exception as { code?: string }).code ?? '';
    const what = /JSON|SyntaxError/i.test(fastifyCode + String((exception as Error).message))
      ? { zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' }
      : { zh: '请求有误', en: 'Bad request' };
    return new AppError(code, undefined, undefined, { zh: { body: [what.zh] }, en: { body: [what.en] } });
  }
  return new AppError(code);
}

/** The seconds a RATE_LIMITED or SERVICE_UNAVAILABLE error asks the client to wait (`details.retryAfterSeconds`), if any. */
export function retryAfterOf(error: AppError): number | undefined {
  const seconds =
    error.code === 'RATE_LIMITED' || error.code === 'SERVICE_UNAVAILABLE'
      ? error.details?.retryAfterSeconds
      : undefined;
  return typeof seconds === 'number' && Number.isSafeInteger(seconds) && seconds > 0 ? seconds : undefined;
}

const errorsLogger = new Logger('Errors');

/** Logs an error answered as a 5xx, with its stack: the answer itself shows nothing of it. */
export function logServerError(exception: unknown, request: FastifyRequest): void {
  errorsLogger.error(
    { err: exception, requestId: request.id, url: request.url?.split('?')[0] },
    'unhandled error',
  );
}

/**
 * Where errors are answered otherwise: requests under `prefix` whose client reads HTML (a browser
 * sends `Accept: text/html`) go to `filter` — the residents' pages under /p/, whose own routes answer
 * errors as pages; this covers what fails before any of them runs (an unknown address, a body over
 * 1 MiB). Other clients still get JSON there.
 */
export interface HtmlErrors {
  prefix: string;
  filter: ExceptionFilter;
}

/**
 * The one catch-all filter: every error leaves as `{statusCode, code, message, details?, requestId}`;
 * a 500 is logged with its stack and shows nothing of it.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = errorsLogger;

  constructor(private readonly html?: HtmlErrors) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    if (this.html && readsHtmlUnder(request, this.html.prefix)) {
      this.html.filter.catch(exception, host);
      return;
    }
    const reply = ctx.getResponse<FastifyReply>();
    const error = toAppError(exception);
    const lang = requestLang(request);
    if (error.status >= 500) logServerError(exception, request);
    const constraint = uniqueViolationConstraint(exception);
    if (constraint !== null && !isKnownConflict(constraint)) {
      // Answered with the generic CONFLICT; give the constraint its message in unique-violation.ts.
      this.logger.warn({ constraint, requestId: request.id }, 'unique violation without a message');
    }
    const details = error.detailsIn(lang);
    const retryAfter = (exception as { retryAfter?: number }).retryAfter ?? retryAfterOf(error);
    if (retryAfter) void reply.header('Retry-After', String(retryAfter));
    void reply
      .status(error.status)
      .header('content-type', 'application/json; charset=utf-8')
      .send({
        statusCode: error.status,
        code: error.code,
        message: error.messageIn(lang),
        ...(details ? { details } : {}),
        requestId: request.id,
      });
  }
}

function readsHtmlUnder(request: FastifyRequest, prefix: string): boolean {
  const accept = request.headers.accept;
  return (
    (request.url ?? '').startsWith(prefix) && typeof accept === 'string' && /\btext\/html\b/i.test(accept)
  );
}
