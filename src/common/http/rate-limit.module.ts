import { Global, Module } from '@nestjs/common';
import { RateLimiter } from './rate-limit';
import { RateLimitRepository } from './rate-limit.repository';

/**
 * Global, so that any controller's `@RateLimit()` works (Nest builds the guard in the controller's
 * own module, where the limiter must be visible) and any service may inject RateLimiter.
 */
@Global()
@Module({
  providers: [RateLimitRepository, RateLimiter],
  exports: [RateLimiter],
})
export class RateLimitModule {}
