import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, phoneContext, watchConsole } from './browser';
import { TEST_PASSWORD } from './test-password';
import { withTestApp, type TestContext } from './test-app';

const ROOT = join(__dirname, '..', '..');

/**
 * Builds the real console with Vite into `outDir`, in a child Node (Vite is ES modules, which Jest's
 * CommonJS runtime cannot load); returns the milliseconds it took.
 */
export async function buildConsoleInto(outDir: string): Promise<number> {
  const started = Date.now();
  const script = `import(${JSON.stringify(join(ROOT, 'scripts', 'build-console.mjs'))}).then((m) => m.buildConsole({ outDir: ${JSON.stringify(outDir)}, quiet: true }))`;
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT });
  return Date.now() - started;
}

export interface ConsoleHarness {
  t: TestContext;
  /** http://127.0.0.1:<port>, the app serving the console at /app/. */
  base: () => string;
  browser: () => Browser;
  dist: string;
  /** A phone-sized page signed in as `username` (test password), at `/app/<to>` when given. */
  signedIn: (
    username: string,
    to?: string,
  ) => Promise<{ page: Page; context: BrowserContext; problems: string[] }>;
}

/**
 * For a console test file: the real app on a port, the console built into a temporary folder and
 * served by it, and Chromium. Call at the top of a describe.
 */
export function withConsole(): ConsoleHarness {
  const dist = join(mkdtempSync(join(tmpdir(), 'huzhu-console-build-')), 'dist');
  const t = withTestApp({}, { consoleDir: dist });
  let browser: Browser;
  let base = '';

  beforeAll(async () => {
    await buildConsoleInto(dist);
    await t.app.listen(0, '127.0.0.1');
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(join(dist, '..'), { recursive: true, force: true });
  });

  return {
    t,
    dist,
    base: () => base,
    browser: () => browser,
    async signedIn(username, to) {
      const context = await phoneContext(browser);
      const page = await context.newPage();
      const problems = watchConsole(page);
      await page.goto(`${base}/app/signin${to ? `?next=${encodeURIComponent(to)}` : ''}`);
      await page.getByPlaceholder('请输入用户名').fill(username);
      await page.getByPlaceholder('请输入密码').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((url) => !url.pathname.endsWith('/signin'));
      return { page, context, problems };
    },
  };
}
