import type { TrustProxy } from '../../config/app-config';

/**
 * Fastify's trustProxy for our setting. A hop count becomes a function: Fastify 5 refuses a bare
 * number (it cannot tell a proxy from a direct client), so a hop count is only safe when the service
 * is reachable through the proxies alone — otherwise list their addresses.
 */
export function fastifyTrustProxy(
  setting: TrustProxy,
): boolean | string | ((address: string, hop: number) => boolean) {
  if (setting === false) return false;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return setting.join(',');
}
