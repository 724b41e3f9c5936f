import helmet from '@fastify/helmet';
import { RequestMethod, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { validationError } from './common/errors/validation';
import { answerClientError } from './common/http/client-errors';
import {
  answerFrameworkError,
  jsonBodyParser,
  rejectUnstorableInput,
  rerouteFrameworkErrors,
} from './common/http/request-guards';
import { AppConfig } from './config/app-config';

export const API_PREFIX = 'api/v1';
export const BODY_LIMIT = 1024 * 1024;

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Builds the whole HTTP application; used by main.ts and by the e2e tests alike. */
export async function createApp(
  config: AppConfig,
  options: { logStream?: DestinationStream } = {},
): Promise<NestFastifyApplication> {
  const adapter: FastifyAdapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    trustProxy: config.TRUST_PROXY,
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
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options.logStream),
    adapter,
    {
      bufferLogs: true,
      bodyParser: false, // JSON only (below): any other body is a 415
    },
  );
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('X-Request-Id', request.id);
  });
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
  // The contract speaks JSON: no form or plain-text bodies, whose parsed shapes nothing expects.
  fastify.removeContentTypeParser('text/plain');
  app.useBodyParser(
    'application/json',
    { bodyLimit: BODY_LIMIT },
    jsonBodyParser(fastify.getDefaultJsonParser('error', 'error')),
  );
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [{ path: 'health', method: RequestMethod.GET }],
  });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      exceptionFactory: validationError,
      stopAtFirstError: false,
    }),
  );
  app.useGlobalFilters(new AllExceptionsFilter());
  setUpOpenApi(app);
  return app;
}

function setUpOpenApi(app: NestFastifyApplication): void {
  const doc = new DocumentBuilder()
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
        'and headers over 16 KiB a 431 REQUEST_HEADERS_TOO_LARGE.',
      ].join(' '),
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, doc);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
