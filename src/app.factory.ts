import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { AppModule, AppOptions } from './app.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { FORM_CONTENT_TYPE, formBodyParser, refuseFormsElsewhere } from './common/http/form-body';
import { refuseMultipartElsewhere, UPLOAD_MAX_BYTES } from './common/http/multipart';
import { defaultConsoleDir, registerConsole } from './common/http/console';
import { registerNoStore } from './common/http/no-store';
import { fastifyTrustProxy } from './common/http/trust-proxy';
import { appValidationPipe } from './common/http/validation-pipe';
import { setUpOpenApi } from './common/openapi/document';
import { answerClientError } from './common/http/client-errors';
import {
  answerFrameworkError,
  jsonBodyParser,
  rejectUnstorableInput,
  rerouteFrameworkErrors,
} from './common/http/request-guards';
import { AppConfig } from './config/app-config';
import { PagesExceptionFilter } from './disclosures/pages.filter';
import { QuietStartLogger } from './nest-logger';

export const API_PREFIX = 'api/v1';
export const BODY_LIMIT = 1024 * 1024;

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The residents' HTML pages (disclosures/pages.controller.ts) live at /p/…, outside the API's prefix. */
const RESIDENT_PAGES = [
  { path: 'p/:sid', method: RequestMethod.GET },
  { path: 'p/disclosures/:did', method: RequestMethod.GET },
  { path: 'p/disclosures/:did/objections', method: RequestMethod.POST },
  { path: 'p/objections/:code', method: RequestMethod.GET },
];

/** Builds the whole HTTP application; used by main.ts and by the e2e tests alike. */
export async function createApp(
  config: AppConfig,
  options: AppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter: FastifyAdapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    trustProxy: fastifyTrustProxy(config.TRUST_PROXY),
    // A malformed or over-long URL gets our error format, request id and headers too.
    frameworkErrors: rerouteFrameworkErrors((): FastifyInstance => adapter.getInstance()),
    clientErrorHandler: answerClientError,
    // Keep a caller's request id when it looks sane, so logs can be joined across services.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      (req as { id?: string }).id = id;
      return id;
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    bufferLogs: true,
    bodyParser: false, // JSON (and forms under /p/) only, below: any other body is a 415
  });
  app.useLogger(new QuietStartLogger(app.get(Logger)));
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('X-Request-Id', request.id);
  });
  registerNoStore(fastify, `/${API_PREFIX}`);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
  });
  fastify.addHook('onRequest', answerFrameworkError); // after helmet's hooks: the answer gets its headers
  fastify.addHook('preValidation', rejectUnstorableInput);
  // The contract speaks JSON: no plain-text bodies, whose parsed shapes nothing expects, and HTML
  // forms only for the residents' pages under /p/ (a hook refuses them elsewhere: common/http/form-body.ts).
  fastify.removeContentTypeParser('text/plain');
  refuseFormsElsewhere(fastify);
  // Uploads of case documents stream their file (limit per route: common/http/multipart.ts); the
  // parser is registered for every route, so a hook refuses multipart where a route did not ask for it.
  await app.register(multipart, {
    limits: { fileSize: UPLOAD_MAX_BYTES, files: 1 },
    throwFileSizeLimit: true,
  });
  refuseMultipartElsewhere(fastify);
  app.useBodyParser(
    'application/json',
    { bodyLimit: BODY_LIMIT },
    jsonBodyParser(fastify.getDefaultJsonParser('error', 'error')),
  );
  app.useBodyParser(FORM_CONTENT_TYPE, { bodyLimit: BODY_LIMIT }, formBodyParser);
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [{ path: 'health', method: RequestMethod.GET }, ...RESIDENT_PAGES],
  });
  app.useGlobalPipes(appValidationPipe());
  // Errors before a page route runs (an unknown /p/ address, a body over 1 MiB) are pages for a browser too.
  app.useGlobalFilters(new AllExceptionsFilter({ prefix: '/p/', filter: new PagesExceptionFilter() }));
  setUpOpenApi(app);
  await registerConsole(fastify, options.consoleDir ?? defaultConsoleDir());
  return app;
}
