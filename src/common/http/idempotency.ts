import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { routeSocietyId } from '../access/access.decorators';
import { canonicalJson, sha256Hex } from '../crypto/canonical-json';
import { AppError } from '../errors/app-error';
import { fieldError } from '../errors/validation';
import { ApiErrors } from '../openapi/error-response';
import { IdempotencyRepository } from './idempotency.repository';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * Where the keys of a route outside any society live (the nil UUID, as the audit's platform chain):
 * a NULL society would never collide in the key, so nothing would be deduplicated.
 */
export const PLATFORM_SCOPE = '00000000-0000-0000-0000-000000000000';

/**
 * `Idempotency-Key` for money POSTs (API.md "Conventions"). The key is claimed, the use case runs
 * and its answer is stored — all in one transaction. A second request with the key waits on the
 * claim; then it gets the stored answer (same body) or 422 IDEMPOTENCY_KEY_REUSED (another body).
 * If the first request fails, nothing is stored and the key stays free for a retry. Keys are kept
 * per society (the route's @SocietyParam), or under PLATFORM_SCOPE on a route without one.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly reflector: Reflector,
    private readonly keys: IdempotencyRepository,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (key === undefined) return next.handle();
    if (typeof key !== 'string' || key.length < 1 || key.length > 200) {
      throw fieldError(
        'Idempotency-Key',
        '幂等键须为 1 至 200 个字符',
        'Idempotency-Key must be 1 to 200 characters',
      );
    }
    const scope = routeSocietyId(this.reflector, context) ?? PLATFORM_SCOPE;
    // Interceptors run before pipes: a society path value that is no UUID names no society.
    if (!isUUID(scope)) throw AppError.notFound('society');
    const requestHash = sha256Hex(
      canonicalJson({ method: request.method, path: request.url.split('?')[0], body: request.body ?? null }),
    );
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (request.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);

    return from(
      this.txHost.withTransaction(async () => {
        if (!(await this.keys.claim(scope, key, requestHash))) {
          const first = await this.keys.answer(scope, key);
          if (first.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
          void reply.header('Idempotent-Replayed', 'true');
          return first.body;
        }
        const body = await lastValueFrom(next.handle(), { defaultValue: null });
        await this.keys.store(scope, key, status, body);
        return body;
      }),
    );
  }
}

/** Marks a money-moving POST as accepting `Idempotency-Key`. */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      schema: { type: 'string', minLength: 1, maxLength: 200 },
      description:
        '1–200 characters. The same key with the same body returns the first answer and changes nothing; ' +
        'with another body: 422 IDEMPOTENCY_KEY_REUSED.',
      example: 'donation-2026-11-29-0001',
    }),
    ApiErrors(
      { code: 'IDEMPOTENCY_KEY_REUSED', when: 'the key was used with another body' },
      { code: 'VALIDATION_FAILED', when: 'a bad body, or an Idempotency-Key not of 1–200 characters' },
    ),
  );
