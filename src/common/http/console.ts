import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

// The web console (DESIGN.md "Web console"): a single-page app in web/, built by Vite into web/dist,
// served here at /app/ by the same process and port as the API. Not Nest routes: plain Fastify ones,
// outside the API and its document (like /api/docs).

export const CONSOLE_PATH = '/app/';

/**
 * The console's own scripts, styles, images and API calls, nothing from elsewhere. Vue sets styles
 * through the CSSOM (not restricted by CSP), so no 'unsafe-inline' is needed.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Vite's hashed file names (assets/index-B3x_9aQk.js) never change content: cached for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const HASHED_ASSET = /^assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/** web/dist of the project: the first folder upwards from here holding package.json (src/ or dist/src/). */
export function defaultConsoleDir(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'web', 'dist');
}

const NOT_BUILT = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>控制台尚未构建</title></head>
<body><h1>控制台尚未构建 · The console is not built</h1>
<p>请在服务器上运行 <code>npm run build</code>（或重新 <code>npm start</code>）后刷新本页。</p>
<p>Run <code>npm run build</code> (or restart with <code>npm start</code>) on the server, then reload.</p>
</body></html>
`;

/** The file under `root` that `path` (relative, from the URL) names, or undefined (absent, a folder, outside). */
function fileIn(root: string, path: string): string | undefined {
  const full = resolve(root, path);
  const rel = relative(root, full);
  if (rel === '' || rel.startsWith('..') || rel.includes(`..${sep}`)) return undefined;
  try {
    return statSync(full).isFile() ? rel.split(sep).join('/') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `GET /` → 302 /app/; `/app/<file>` from `dir` (hashed assets cached for a year); any other `/app/…`
 * path → index.html, never cached (the SPA's router reads the path). Without a built console
 * (`dir/index.html` missing) every /app address answers 503 with a page that says what to run.
 */
export async function registerConsole(fastify: FastifyInstance, dir: string): Promise<void> {
  // preCompressed: the build writes x.br and x.gz beside each text file (scripts/build-console.mjs).
  await fastify.register(fastifyStatic, {
    root: resolve(dir),
    serve: false,
    decorateReply: true,
    preCompressed: true,
  });
  const root = resolve(dir);

  fastify.get('/', (_request, reply) => reply.redirect(CONSOLE_PATH, 302));
  fastify.get('/app', (_request, reply) => reply.redirect(CONSOLE_PATH, 302));
  fastify.get('/app/*', (request: FastifyRequest<{ Params: { '*': string } }>, reply: FastifyReply) => {
    void reply.header('Content-Security-Policy', CONSOLE_CSP);
    if (!fileIn(root, 'index.html')) {
      return reply
        .code(503)
        .header('Content-Type', 'text/html; charset=utf-8')
        .header('Cache-Control', 'no-store')
        .header('Retry-After', '30')
        .send(NOT_BUILT);
    }
    const wanted = request.params['*'] ?? '';
    const file = fileIn(root, wanted);
    if (file && file !== 'index.html') {
      void reply.header('Cache-Control', HASHED_ASSET.test(file) ? IMMUTABLE : 'no-cache');
      return reply.sendFile(file, root, { cacheControl: false });
    }
    // A missing script or stylesheet is a 404, not the app's page (which the browser would refuse anyway).
    if (wanted.startsWith('assets/')) {
      return reply
        .code(404)
        .header('Cache-Control', 'no-store')
        .type('text/plain; charset=utf-8')
        .send('Not Found');
    }
    void reply.header('Cache-Control', 'no-cache');
    return reply.sendFile('index.html', root, { cacheControl: false });
  });
}
