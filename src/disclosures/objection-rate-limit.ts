import { RateLimit } from '../common/http/rate-limit';

/**
 * The one limit on residents' objections, per client address: the JSON route and the page's form
 * share its bucket, so switching between them does not give anyone more.
 */
export const ObjectionRateLimit = (): MethodDecorator =>
  RateLimit('objection', (config) => config.OBJECTION_RATE_LIMIT, '10m', {
    limitName: 'OBJECTION_RATE_LIMIT (default 20)',
  });
