import type { FastifyInstance } from 'fastify';

/**
 * Answers of the authenticated API carry personal data (names, masked IDs, donations): no browser
 * or shared cache may keep them. So every answer under `prefix` — login and errors included — is
 * `Cache-Control: no-store`, except the public routes (`prefix/public/**`), which stay cacheable, as
 * does everything outside the API (/health, /p/**, docs). A handler may still set its own value.
 */
export function registerNoStore(fastify: FastifyInstance, prefix: string): void {
  const api = `${prefix}/`;
  const publicApi = `${prefix}/public/`;
  fastify.addHook('onRequest', async (request, reply) => {
    const url = request.url;
    if ((url.startsWith(api) || url === prefix) && !url.startsWith(publicApi)) {
      void reply.header('Cache-Control', 'no-store');
    }
  });
}
