import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { logServerError, retryAfterOf, toAppError } from '../common/errors/all-exceptions.filter';
import { AppError } from '../common/errors/app-error';
import { renderErrorPage } from './pages/error-page';
import { pageHeaders } from './pages/headers';
import { pathSegment } from './pages/html';

/**
 * Errors of the residents' pages (/p/…) as pages, never JSON: 404 (an unknown or malformed id),
 * 409 (the notice no longer takes objections), 429 with its Retry-After, 400 and 415 for what no
 * form of ours sends, and for anything else a generic 500 page naming the request id (logged with
 * its stack, as the API's filter does). A refused objection form is not an error here: the route
 * answers it with the notice page again.
 */
@Catch()
export class PagesExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const error = toAppError(exception);
    if (error.status >= 500) logServerError(exception, request);
    const retryAfter = retryAfterOf(error);
    if (retryAfter) void reply.header('Retry-After', String(retryAfter));
    void reply
      .status(error.status)
      .headers(pageHeaders('no-store'))
      .send(renderErrorPage(error.status, explanation(error, request.id), backToNotice(request)));
  }
}

/** What the page says, where the status alone says too little (else the page's own words). */
function explanation(error: AppError, requestId: string): string | undefined {
  if (error.status >= 500) return `页面暂时无法显示，请稍后再试。如需反映，请提供请求编号：${requestId}`;
  switch (error.code) {
    case 'DISCLOSURE_NOT_ACTIVE':
      return error.details?.status === 'withdrawn' ? '本公示已撤回，不再受理异议。' : undefined;
    case 'RATE_LIMITED': {
      const seconds = retryAfterOf(error);
      return seconds ? `提交过于频繁，请${Math.ceil(seconds / 60)}分钟后再试。` : undefined;
    }
    case 'UNSUPPORTED_MEDIA_TYPE':
      return '请在公示页面上填写表单提交。';
    case 'PAYLOAD_TOO_LARGE':
      return '提交的内容过长，请删减后再试。';
    default:
      return undefined;
  }
}

/** After a refused objection, the way back to its notice. */
function backToNotice(request: FastifyRequest): { href: string; label: string } | undefined {
  const did = (request.params as Record<string, unknown> | undefined)?.did;
  if (request.method !== 'POST' || typeof did !== 'string' || !isUUID(did)) return undefined;
  return { href: `/p/disclosures/${pathSegment(did)}`, label: '返回公示' };
}
