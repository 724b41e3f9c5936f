import { INestApplication } from '@nestjs/common';
import {
  DocumentBuilder,
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ResponseObject,
  SwaggerModule,
} from '@nestjs/swagger';
import {
  OPENAPI_KEY_MARK as KEY_MARK,
  OPENAPI_PUBLIC_MARK as PUBLIC_MARK,
} from '../access/access.decorators';
import { ERROR_CODES, ErrorCode } from '../errors/error-codes';
import { ErrorResponseDto, errorExamples } from './error-response';

const SOCIETY_SCOPED = /^\/api\/v1\/societies\/\{sid\}(\/|$)/;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** Builds the served document (/api/docs-json) and mounts the UI at /api/docs. */
export function setUpOpenApi(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Huzhu 互助 API')
    .setDescription(
      [
        'The HTTP contract of Huzhu, the 救急难 mutual-aid fund system (v1).',
        'Money is integer fen in fields ending `Fen`. Errors are `{statusCode, code, message, details?, requestId}`;',
        'messages are Chinese unless `Accept-Language: en`. Lists take `limit` (1–200, 50) and an opaque `cursor`',
        'and answer `{items, nextCursor}`. Unknown body or query properties are a 400; bodies over 1 MiB a 413.',
        'Every string (body, query, path) must be free of NUL and lone UTF-16 surrogates, every number finite,',
        'and JSON nested at most 16 deep; `…Fen` amounts are written as JSON integers (`1.0` is refused): each a 400',
        'VALIDATION_FAILED naming the field. A malformed or over-long URL is a 400 (`details.url`); a request line',
        'and headers over 16 KiB a 431 REQUEST_HEADERS_TOO_LARGE. Request bodies are JSON only (else 415).',
      ].join(' '),
    )
    .setVersion('1')
    .setLicense('UNLICENSED', 'https://docs.npmjs.com/cli/v10/configuring-npm/package-json#license')
    .addServer('/', 'this server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurityRequirements('bearer')
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'Authorization',
        description: "A monitoring platform's intake key, sent as `Authorization: ApiKey <key>`",
      },
      'ApiKey',
    )
    .build();
  const document = completeDocument(
    SwaggerModule.createDocument(app, builder, { extraModels: [ErrorResponseDto] }),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return document;
}

/**
 * The answers every route shares, derived from the global guards, pipe and Fastify rather than
 * repeated on each handler, so a new route cannot forget them:
 * - 500 INTERNAL_ERROR anywhere; 503 SERVICE_UNAVAILABLE anywhere (the database unreachable, with
 *   Retry-After; a route that documents its own 503, /health, keeps it); 401 UNAUTHENTICATED unless
 *   @Public() (JwtAuthGuard);
 * - 400 VALIDATION_FAILED for a body, a query or a path parameter (ValidationPipe, forbidNonWhitelisted,
 *   and the input guard that refuses NUL, lone surrogates and non-finite numbers in every value);
 * - 413 and 415 for a body (Fastify's body limit and content-type parsers);
 * - 403 FORBIDDEN and 404 NOT_FOUND under /societies/{sid} (AccessGuard; API.md "Conventions").
 * Public operations say `security: []` against the document-wide bearer requirement, API-key ones
 * `security: [{ApiKey: []}]`.
 */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method] as
        (OperationObject & { [PUBLIC_MARK]?: boolean; [KEY_MARK]?: boolean }) | undefined;
      if (!op) continue;
      const isPublic = op[PUBLIC_MARK] === true;
      delete op[PUBLIC_MARK];
      if (isPublic) op.security = [];
      if (op[KEY_MARK] === true) op.security = [{ ApiKey: [] }];
      delete op[KEY_MARK];
      const codes: ErrorCode[] = ['INTERNAL_ERROR'];
      if (!(op.responses as Record<string, unknown>)['503']) codes.push('SERVICE_UNAVAILABLE');
      if (!isPublic) codes.push('UNAUTHENTICATED');
      // A write without a documented body (e.g. POST …/reveal) is still parsed if a client sends one.
      if (op.requestBody || method === 'post' || method === 'put' || method === 'patch')
        codes.push('VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE');
      const inputs = (op.parameters ?? []).map((p) => (p as ParameterObject).in);
      if (inputs.includes('query') || inputs.includes('path')) {
        codes.push('VALIDATION_FAILED');
      }
      if (SOCIETY_SCOPED.test(path)) codes.push('FORBIDDEN', 'NOT_FOUND');
      addErrors(op, codes);
    }
  }
  return document;
}

type Examples = Record<string, { summary?: string }>;
const ERROR_SCHEMA = '#/components/schemas/ErrorResponseDto';

/**
 * Adds `codes` to the operation's error answers and rewrites each error answer in the error schema
 * as JSON (whatever @ApiProduces says of the success), described by its codes and when they occur.
 */
function addErrors(op: OperationObject, codes: ErrorCode[]): void {
  const responses = op.responses as Record<string, ResponseObject>;
  const errors = new Map<string, Examples>();
  // Headers an error answer documents (e.g. Retry-After of a 429) are kept.
  const headers = new Map<string, ResponseObject['headers']>();
  for (const [status, response] of Object.entries(responses)) {
    if (response.headers) headers.set(status, response.headers);
    const media = Object.values(response.content ?? {});
    const isError =
      media.length === 0 || media.some((m) => (m.schema as { $ref?: string })?.$ref === ERROR_SCHEMA);
    if (/^[45]\d\d$/.test(status) && isError) {
      errors.set(status, { ...(media.find((m) => m.examples)?.examples as Examples | undefined) });
    }
  }
  for (const code of codes) {
    const status = String(ERROR_CODES[code].status);
    const examples = errors.get(status) ?? {};
    if (!(code in examples)) Object.assign(examples, errorExamples([code]));
    errors.set(status, examples);
  }
  for (const [status, examples] of errors) {
    responses[status] = {
      description: Object.values(examples)
        .map((e) => e.summary ?? '')
        .join('; '),
      ...(headers.has(status) ? { headers: headers.get(status) } : {}),
      content: { 'application/json': { schema: { $ref: ERROR_SCHEMA }, examples } },
    };
  }
  op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}
