import { TransactionHost } from '@nestjs-cls/transactional';
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
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { canonicalJson, sha256Hex } from '../common/crypto/canonical-json';
import { AppError } from '../common/errors/app-error';
import { fieldError } from '../common/errors/validation';
import { ApiErrors } from '../common/openapi/error-response';
import type { Tx } from '../database/tx';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * `Idempotency-Key` for money POSTs (API.md "Conventions"). The key is claimed, the use case runs
 * and its answer is stored — all in one transaction. A second request with the key waits on the
 * claim; then it gets the stored answer (same body) or 422 IDEMPOTENCY_KEY_REUSED (another body).
 * If the first request fails, nothing is stored and the key stays free for a retry.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly txHost: TransactionHost<Tx>,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest<{ Params: Record<string, string> }>>();
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
    const societyId = request.params.sid;
    const requestHash = sha256Hex(
      canonicalJson({ method: request.method, path: request.url.split('?')[0], body: request.body ?? null }),
    );
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (request.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);

    return from(
      this.txHost.withTransaction(async () => {
        const tx = this.txHost.tx;
        const claimed = (await tx.query(
          `INSERT INTO idempotency_keys (society_id, key, request_hash) VALUES ($1, $2, $3)
           ON CONFLICT (society_id, key) DO NOTHING RETURNING key`,
          [societyId, key, requestHash],
        )) as unknown[];
        if (!claimed.length) {
          const [first] = (await tx.query(
            `SELECT request_hash, status_code, response_body FROM idempotency_keys WHERE society_id = $1 AND key = $2`,
            [societyId, key],
          )) as { request_hash: string; status_code: number; response_body: string }[];
          if (first.request_hash !== requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
          void reply.header('Idempotent-Replayed', 'true');
          return JSON.parse(first.response_body) as unknown;
        }
        const body = await lastValueFrom(next.handle(), { defaultValue: null });
        await tx.query(
          `UPDATE idempotency_keys SET status_code = $3, response_body = $4 WHERE society_id = $1 AND key = $2`,
          [societyId, key, status, JSON.stringify(body)],
        );
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
