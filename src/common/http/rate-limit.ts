import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../clock';
import { AppError } from '../errors/app-error';
import { errorExamples, ErrorResponseDto } from '../openapi/error-response';
import { clientAddress } from './client-address';
import { RateLimitRepository } from './rate-limit.repository';

/**
 * The rate limiter of public POST routes (DESIGN.md "Security": objections now, monitoring-platform
 * intake later). State lives in PostgreSQL (rate_limits), so a limit holds across every instance:
 * a fixed window per (bucket, key) that opens at the key's first request, at most `limit` requests in
 * it. Past that: 429 RATE_LIMITED with `Retry-After` (seconds until the window ends), refused requests
 * counted too. Two ways to use it:
 *
 *   @RateLimit('objection', 5, '10m')         // on a route: per client address, before validation
 *   await limiter.take('intake', keyId, { limit: 60, windowMs: 60_000 })   // anywhere, any key
 *
 * The guard runs before validation and outside the route's transaction, so every request counts and
 * the count stays even when the request then fails (an Idempotency-Key replay counts too); `take`
 * inside a `@Transactional()` use case joins it (and is undone with it).
 */
export interface RateLimitRule {
  /** Requests allowed in one window (≥ 1). */
  limit: number;
  windowMs: number;
}

/** What a successful take leaves: requests still allowed in this window, and when it ends. */
export interface RateLimitTaken {
  remaining: number;
  resetsAt: Date;
}

@Injectable()
export class RateLimiter {
  constructor(
    private readonly windows: RateLimitRepository,
    private readonly clock: Clock,
  ) {}

  /** Counts one request of `key` in `bucket`: 429 RATE_LIMITED (`retryAfterSeconds`) past the limit. */
  async take(bucket: string, key: string, rule: RateLimitRule): Promise<RateLimitTaken> {
    checkRule(rule);
    const now = this.clock.now();
    const { hits, resetsAt } = await this.windows.hit(bucket, key, now, rule.windowMs, rule.limit);
    if (hits > rule.limit) {
      // At least 1: a Retry-After of 0 would invite a retry storm.
      const retryAfterSeconds = Math.max(1, Math.ceil((resetsAt.getTime() - now.getTime()) / 1000));
      throw new AppError('RATE_LIMITED', { retryAfterSeconds });
    }
    return { remaining: rule.limit - hits, resetsAt };
  }
}

/** A window as written on a route: `'30s'`, `'10m'`, `'1h'`, `'1d'`, or milliseconds. */
export type Window = `${number}${'s' | 'm' | 'h' | 'd'}` | number;

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export function windowMs(window: Window): number {
  if (typeof window === 'number') return window;
  const m = /^([1-9]\d*)([smhd])$/.exec(window);
  if (!m) throw new RangeError(`not a rate-limit window: ${window}`);
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

interface RouteLimit {
  bucket: string;
  limit: Limit;
  windowMs: number;
  key: (request: FastifyRequest) => string;
}

/** A route's limit: a number, or read from the configuration (an operator's setting). */
export type Limit = number | ((config: AppConfig) => number);

const RATE_LIMIT = 'huzhu:rate-limit';

/** Takes the route's @RateLimit before its pipes and handler run. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const route = this.reflector.get<RouteLimit | undefined>(RATE_LIMIT, context.getHandler());
    if (route) {
      const limit = typeof route.limit === 'number' ? route.limit : route.limit(this.config);
      await this.limiter.take(route.bucket, route.key(context.switchToHttp().getRequest()), {
        limit,
        windowMs: route.windowMs,
      });
    }
    return true;
  }
}

export interface RateLimitOptions {
  /** The key of a request (default: its client address, IPv6 by /64: client-address.ts). */
  key?: (request: FastifyRequest) => string;
  /** What the key is, for the API document (default: "client address"). */
  per?: string;
  /** How the API document names a limit read from the configuration, e.g. "OBJECTION_RATE_LIMIT (20)". */
  limitName?: string;
}

/**
 * At most `limit` requests per `window` per client address (or `options.key`) in `bucket` on this
 * route; buckets are independent, and routes sharing a bucket share its count. Documents the 429 with
 * its Retry-After header. One per route (a second limit: call RateLimiter.take in the use case).
 */
export function RateLimit(
  bucket: string,
  limit: Limit,
  window: Window,
  options: RateLimitOptions = {},
): MethodDecorator {
  const route: RouteLimit = {
    bucket,
    limit,
    windowMs: windowMs(window),
    key: options.key ?? clientAddress,
  };
  checkRule({ limit: typeof limit === 'number' ? limit : 1, windowMs: route.windowMs });
  const shown = typeof limit === 'number' ? String(limit) : (options.limitName ?? 'the configured number of');
  const when = `more than ${shown} requests per ${typeof window === 'number' ? `${window} ms` : window} from one ${options.per ?? 'client address'}; see \`Retry-After\``;
  const decorators = applyDecorators(
    SetMetadata(RATE_LIMIT, route),
    UseGuards(RateLimitGuard),
    ApiResponse({
      status: 429,
      description: `RATE_LIMITED: ${when}`,
      type: ErrorResponseDto,
      examples: errorExamples([{ code: 'RATE_LIMITED', when }]),
      headers: {
        'Retry-After': {
          description: 'seconds until the window ends and requests are allowed again',
          schema: { type: 'integer', minimum: 1 },
        },
      },
    }),
  );
  return (target, property, descriptor) => {
    if (Reflect.getMetadata(RATE_LIMIT, descriptor.value as object) !== undefined) {
      throw new Error(`one @RateLimit per route (${String(property)})`);
    }
    decorators(target, property, descriptor);
  };
}

function checkRule({ limit, windowMs: ms }: RateLimitRule): void {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`rate limit must be ≥ 1: ${limit}`);
  if (!Number.isSafeInteger(ms) || ms < 1000) throw new RangeError(`rate-limit window must be ≥ 1 s: ${ms}`);
}
