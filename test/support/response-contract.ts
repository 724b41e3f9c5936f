import type { FastifyInstance } from 'fastify';
import { OpenApiResponseValidator } from './openapi-validator';

/**
 * Response validation for the e2e suite: every response of a test app is checked against the
 * document the app serves. Problems are collected here and fail the running test in afterEach
 * (test/support/jest-after-env.ts), so a route that drifts from its document turns a test red.
 */
const problems: string[] = [];

export function takeContractProblems(): string[] {
  return problems.splice(0, problems.length);
}

/** Hooks the check into a Fastify instance; call `use` with the served document once it is ready. */
export function watchResponses(fastify: FastifyInstance): { use(document: object): void } {
  let validator: OpenApiResponseValidator | undefined;
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (!validator) return payload;
    const isStream = payload !== null && typeof payload === 'object' && !Buffer.isBuffer(payload);
    const found = validator.check({
      method: request.method,
      route: request.routeOptions.url,
      status: reply.statusCode,
      contentType: reply.getHeader('content-type') as string | undefined,
      body: isStream ? undefined : (payload as string | Buffer | null | undefined),
    });
    problems.push(...found);
    return payload;
  });
  return {
    use(document) {
      validator = new OpenApiResponseValidator(
        document as ConstructorParameters<typeof OpenApiResponseValidator>[0],
      );
    },
  };
}
