import type { FastifyBodyParser, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { fieldError } from '../errors/validation';
import { findInputProblem } from './input-guard';
import { fenWrittenAsFloat } from './json-literals';

/**
 * Fastify `preValidation` hook: after parsing, before Nest's guards, pipes and handlers (so login
 * and every other route alike). Refuses what no column or JSON value of ours may hold, naming the field.
 */
export async function rejectUnstorableInput(request: FastifyRequest): Promise<void> {
  const problem =
    findInputProblem(request.params, 'params') ??
    findInputProblem(request.query, 'query') ??
    findInputProblem(request.body, 'body');
  if (problem) throw fieldError(problem.field, problem.zh, problem.en);
}

/** The JSON body parser: Fastify's own (prototype poisoning refused), plus "fen is a JSON integer". */
export function jsonBodyParser(
  parse: (req: FastifyRequest, body: string, done: (err: Error | null, value?: unknown) => void) => unknown,
): FastifyBodyParser<Buffer> {
  return (req, raw, done) => {
    const text = raw.toString('utf8');
    parse(req, text, (err, value) => {
      if (err) return done(err, undefined);
      const fen = fenWrittenAsFloat(text);
      if (fen) {
        return done(
          fieldError(
            fen,
            '必须是以分为单位的整数，不能写成 1.0 或 1e2',
            'must be a JSON integer of fen, not 1.0 or 1e2',
          ),
          undefined,
        );
      }
      done(null, value);
    });
  };
}

const FRAMEWORK_ERROR = Symbol('huzhu.frameworkError');
type Marked = IncomingMessage & { [FRAMEWORK_ERROR]?: string };

/**
 * Fastify's `frameworkErrors` (a malformed or over-long URL, found while routing): Fastify would
 * answer by itself, in English, without our hooks. Instead the request is routed again to `/`
 * with the error noted, so it passes the usual hooks (request id, security headers) and
 * `answerFrameworkError` throws it into the one exception filter.
 */
export function rerouteFrameworkErrors(instance: () => FastifyInstance) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const raw = request.raw as Marked;
    raw[FRAMEWORK_ERROR] = error.code;
    raw.url = '/';
    instance().routing(raw, reply.raw);
  };
}

/** `onRequest` hook, registered after helmet's: the answer for a request rerouted above. */
export async function answerFrameworkError(request: FastifyRequest): Promise<void> {
  const code = (request.raw as Marked)[FRAMEWORK_ERROR];
  if (code === undefined) return;
  if (code === 'FST_ERR_MAX_PARAM_LENGTH') {
    throw fieldError('url', '路径中的参数过长', 'a path parameter is too long');
  }
  throw fieldError('url', '网址无效（编码错误）', 'the URL is not valid (bad encoding)');
}
