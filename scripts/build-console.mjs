// Builds the web console (web/ → web/dist/) with Vite's JS API. `npm run build` runs it always;
// `npm start` runs it with --if-stale, which returns at once when web/dist is newer than every
// source file (a normal restart pays one directory walk, a few milliseconds).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WEB = join(ROOT, 'web');
const DIST = join(WEB, 'dist');
// The console also imports a few pure rules of the server (大写, the ID number check).
const INPUTS = [
  join(WEB, 'src'),
  join(WEB, 'index.html'),
  join(ROOT, 'scripts', 'build-console.mjs'),
  join(ROOT, 'src', 'common', 'money'),
  join(ROOT, 'src', 'common', 'cn-ids'),
];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

/** True when web/dist/index.html is missing or older than a source of the console. */
export function consoleIsStale() {
  const index = join(DIST, 'index.html');
  if (!existsSync(index)) return true;
  return Math.max(...INPUTS.map(newest)) > statSync(index).mtimeMs;
}

/**
 * Vant's icon font names a CDN copy after its inlined one: no external assets (the CSP refuses them,
 * and the machines may have no internet), so every `url(//…)` or `url(http…)` source is dropped.
 */
const EXTERNAL_FONT_SOURCE = /,\s*url\((?:https?:)?\/\/[^)]*\)\s*format\([^)]*\)/g;
const localAssetsOnly = {
  name: 'huzhu-local-assets-only',
  transform(code, id) {
    if (!/\.css($|\?)/.test(id) || !EXTERNAL_FONT_SOURCE.test(code)) return null;
    return { code: code.replace(EXTERNAL_FONT_SOURCE, ''), map: null };
  },
};

/**
 * Brotli and gzip copies beside every text file of the build (x.js.br, x.js.gz), made once here at
 * the highest levels, so the server sends a phone a third of the bytes without compressing per
 * request (@fastify/static `preCompressed`).
 */
function precompress(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) precompress(path);
    else if (/\.(js|css|html|svg|json)$/.test(entry.name)) {
      const body = readFileSync(path);
      writeFileSync(
        `${path}.br`,
        brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
      );
      writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
    }
  }
}

/** Builds web/dist (base /app/); returns the time it took in milliseconds. */
export async function buildConsole({ outDir = DIST, quiet = false } = {}) {
  const started = Date.now();
  const [{ build }, { default: vue }] = await Promise.all([import('vite'), import('@vitejs/plugin-vue')]);
  await build({
    configFile: false,
    root: WEB,
    base: '/app/',
    logLevel: quiet ? 'warn' : 'info',
    plugins: [vue(), localAssetsOnly],
    // Always a production build, also when Jest (NODE_ENV=test) builds it: Vant's test mode gives
    // every field the same label id.
    mode: 'production',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: { outDir, emptyOutDir: true, target: 'es2020', reportCompressedSize: !quiet },
  });
  precompress(outDir);
  return Date.now() - started;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  if (ifStale && !consoleIsStale()) process.exit(0);
  const ms = await buildConsole({ quiet: ifStale });
  process.stdout.write(`console built into web/dist in ${ms} ms\n`);
}
