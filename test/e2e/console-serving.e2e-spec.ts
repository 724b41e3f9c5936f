import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { CONSOLE_CSP } from '../../src/common/http/console';
import { withTestApp } from '../support/test-app';

// The web console's serving (src/common/http/console.ts) on a stand-in build: what Vite writes to
// web/dist (index.html and hashed assets), without running Vite. The real build is in console-browser.

const INDEX = '<!doctype html><html lang="zh-CN"><body><div id="app"></div></body></html>';
const SCRIPT = 'console.log("console")';

function fakeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'huzhu-console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-Ce9RnUab.js'), SCRIPT);
  // As scripts/build-console.mjs leaves them: compressed copies beside the file.
  writeFileSync(join(dir, 'assets', 'index-Ce9RnUab.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(dir, 'assets', 'index-Ce9RnUab.js.gz'), gzipSync(SCRIPT));
  writeFileSync(join(dir, 'favicon.txt'), 'plain');
  return dir;
}

describe('The web console at /app/ (built)', () => {
  const dist = fakeDist();
  const t = withTestApp({}, { consoleDir: dist });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('GET / and GET /app redirect (302) to /app/', async () => {
    await t.http.get('/').expect(302).expect('Location', '/app/');
    await t.http.get('/app').expect(302).expect('Location', '/app/');
  });

  it('/app/ is index.html, never cached, with a CSP that allows only this site', async () => {
    const res = await t.http.get('/app/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toBe(INDEX);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(CONSOLE_CSP).toContain("script-src 'self'");
    expect(CONSOLE_CSP).toContain("style-src 'self'");
    expect(CONSOLE_CSP).not.toMatch(/https?:|unsafe-inline|unsafe-eval|\*/);
  });

  it('hashed assets are cached for a year; other files are revalidated', async () => {
    const js = await t.http.get('/app/assets/index-Ce9RnUab.js').expect(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.text).toBe(SCRIPT);
    const plain = await t.http.get('/app/favicon.txt').expect(200);
    expect(plain.headers['cache-control']).toBe('no-cache');
  });

  it('a browser that accepts brotli or gzip gets the compressed copy the build made, as JavaScript', async () => {
    const br = await t.http
      .get('/app/assets/index-Ce9RnUab.js')
      .set('Accept-Encoding', 'gzip, deflate, br')
      .expect(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.text).toBe(SCRIPT); // supertest decodes brotli and gzip

    const gz = await t.http.get('/app/assets/index-Ce9RnUab.js').set('Accept-Encoding', 'gzip').expect(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.text).toBe(SCRIPT); // supertest inflates gzip
  });

  it('any other /app/… address is the app (SPA fallback), but a missing asset is a 404', async () => {
    for (const path of [
      '/app/signin?next=%2Fsocieties',
      '/app/s/3f2b1c9e-0000-4000-8000-000000000000',
      '/app/x/y/z',
    ]) {
      const res = await t.http.get(path).expect(200);
      expect(res.text).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    const missing = await t.http.get('/app/assets/gone-AAAAAAAA.js').expect(404);
    expect(missing.text).not.toContain('<div id="app">');
  });

  it('nothing outside web/dist is served', async () => {
    for (const path of ['/app/../package.json', '/app/%2e%2e/package.json', '/app/..%2fpackage.json']) {
      const res = await t.http.get(path);
      expect(res.text).not.toContain('"name": "huzhu"');
    }
  });

  it('the API keeps its own answers and headers', async () => {
    const res = await t.http.get('/api/v1/auth/me').expect(401);
    expect(res.headers['content-security-policy']).not.toBe(CONSOLE_CSP);
  });
});

describe('The web console at /app/ (not built)', () => {
  const empty = mkdtempSync(join(tmpdir(), 'huzhu-console-none-'));
  const t = withTestApp({}, { consoleDir: join(empty, 'dist') });
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  it('every /app address answers 503 with a page that says what to run; the API still works', async () => {
    for (const path of ['/app/', '/app/signin', '/app/assets/index-Ce9RnUab.js']) {
      const res = await t.http.get(path).expect(503);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.text).toContain('控制台尚未构建');
      expect(res.text).toContain('npm run build');
    }
    await t.http.get('/').expect(302).expect('Location', '/app/');
    await t.http.get('/health').expect(200);
  });
});
