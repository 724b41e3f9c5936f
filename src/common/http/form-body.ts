import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyBodyParser, FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error';

/**
 * HTML form bodies (`application/x-www-form-urlencoded`) for the residents' pages only: their
 * objection form posts without script. Everywhere else the contract is JSON, and a form body stays
 * a 415 as before: the refusal comes before the body is read, whatever its size.
 */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** The routes that take forms: the residents' pages (`/p/...`), judged by the matched route. */
export const FORM_ROUTE_PREFIX = '/p/';

/**
 * `a=1&b=%E4%BA%92&a=2` → `{ a: '1', b: '互' }`: UTF-8, `+` is a space, a repeated key keeps its
 * first value (a form field has one value; a second one is not the resident's). The keys become
 * own properties (`__proto__` too), never the object's prototype.
 */
export function parseFormBody(text: string): Record<string, string> {
  const fields = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(text)) {
    if (!fields.has(key)) fields.set(key, value);
  }
  return Object.fromEntries(fields);
}

/**
 * The Fastify parser (registered with the 1 MiB body limit): the bytes as UTF-8, then parseFormBody.
 * It checks the route itself too, so a content type the hook below does not recognise is refused all the same.
 */
export const formBodyParser: FastifyBodyParser<Buffer> = (request, body, done) => {
  if (!takesForms(request)) return done(new AppError('UNSUPPORTED_MEDIA_TYPE'), undefined);
  done(null, parseFormBody(body.toString('utf8')));
};

/** Refuses a form body (415) on any route outside FORM_ROUTE_PREFIX, before reading it. */
export function refuseFormsElsewhere(fastify: FastifyInstance): void {
  fastify.addHook('preParsing', async (request: FastifyRequest) => {
    if (isFormBody(request.headers['content-type']) && !takesForms(request)) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE');
    }
  });
}

function takesForms(request: FastifyRequest): boolean {
  return request.routeOptions.url?.startsWith(FORM_ROUTE_PREFIX) === true;
}

function isFormBody(contentType: string | undefined): boolean {
  if (typeof contentType !== 'string') return false;
  return contentType.split(';')[0].trim().toLowerCase() === FORM_CONTENT_TYPE;
}

/**
 * `@FormBody()`: a page route's form fields, name → first value. Only a form is taken: another body
 * (JSON, which the parsers let through under /p/ too) is 415 UNSUPPORTED_MEDIA_TYPE, since programs
 * have the JSON API. The fields reach the handler unvalidated: the route decides how a refusal reads.
 */
export const FormBody = createParamDecorator(
  (_: unknown, context: ExecutionContext): Record<string, string> => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!isFormBody(request.headers['content-type'])) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
    return (request.body as Record<string, string> | undefined) ?? {};
  },
);
