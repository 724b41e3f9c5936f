import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, BrowserContextOptions, chromium, Page } from 'playwright-core';
import { ENV_CHROMIUM_ARGS, ENV_CHROMIUM_FONTS, ENV_CHROMIUM_PATH } from '../setup/chromium-env';

// A real headless Chromium for tests, from npm alone (DESIGN.md "Tests"): test/setup/chromium.ts
// unpacks @sparticuz/chromium once per run in Jest's global set-up and hands the workers its place.

/** A common Android phone in CSS pixels: the narrowest screen the pages are made for. */
export const PHONE = { width: 360, height: 740 } as const;

/** Where tests save screenshots for people to look at (git-ignored). */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'test-output', 'screenshots');

function fromSetup(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: test/setup/global-setup.ts prepares Chromium (run through Jest)`);
  return value;
}

/**
 * Headless Chromium with Chinese fonts. Close it in afterAll.
 *
 * The package's args less `--single-process`: that one is for AWS Lambda's sandbox, and with it
 * closing any browser context kills the whole browser (seen with playwright-core 1.65, Chromium 153).
 */
export function launchBrowser(): Promise<Browser> {
  const args = (JSON.parse(fromSetup(ENV_CHROMIUM_ARGS)) as string[]).filter((a) => a !== '--single-process');
  return chromium.launch({
    executablePath: fromSetup(ENV_CHROMIUM_PATH),
    args,
    headless: true,
    env: { ...process.env, FONTCONFIG_PATH: fromSetup(ENV_CHROMIUM_FONTS) },
  });
}

/**
 * A phone: 360×740 CSS pixels at 2× (crisp screenshots), touch, and a mobile viewport, so a page
 * without `<meta name="viewport">` lays out 980 px wide and shows it.
 */
export function phoneContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    ...options,
  });
}

/** Everything a page reports as wrong while the test runs: console errors and uncaught exceptions. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

/** Saves a full-page screenshot as test-output/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
