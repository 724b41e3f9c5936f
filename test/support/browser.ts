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
export async function launchBrowser(): Promise<Browser> {
  const args = (JSON.parse(fromSetup(ENV_CHROMIUM_ARGS)) as string[]).filter((a) => a !== '--single-process');
  const launch = () =>
    chromium.launch({
      executablePath: fromSetup(ENV_CHROMIUM_PATH),
      args,
      headless: true,
      env: { ...process.env, FONTCONFIG_PATH: fromSetup(ENV_CHROMIUM_FONTS) },
    });
  // Once, on a loaded CI machine, this Chromium died of SIGSEGV while starting (before any page):
  // a browser that never started is started again, once; anything after the start still fails.
  return launch().catch(launch);
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

/** What a phone must get from every page: measured in the page as laid out. */
export interface Layout {
  /** Text below WCAG AA's 4.5:1 against its background. */
  lowContrast: string[];
  scrollWidth: number;
  bodyFontPx: number;
  lineHeightPx: number;
  scripts: number;
  pwned: boolean;
  smallTargets: string[];
}

const MEASURE = `(() => {
  const body = getComputedStyle(document.body);
  const small = [...document.querySelectorAll('a, button, input, select, textarea')]
    .map((e) => ({ e, r: e.getBoundingClientRect() }))
    .filter(({ r }) => r.height < 44 || r.width < 44)
    .map(({ e, r }) => e.tagName + ' "' + (e.textContent || e.name || '').trim() + '" ' + r.width + 'x' + r.height);
  // WCAG 2 contrast of each element's own text against the first opaque background behind it.
  const luminance = (color) => {
    const [r, g, b] = color.match(/[\\d.]+/g).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = (e) => {
    for (let n = e; n; n = n.parentElement) {
      const c = getComputedStyle(n).backgroundColor;
      const alpha = c.match(/[\\d.]+/g)[3];
      if (alpha === undefined || Number(alpha) > 0) return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const lowContrast = [...document.body.querySelectorAll('*')]
    .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== ''))
    .map((e) => {
      const [a, b] = [luminance(getComputedStyle(e).color), luminance(background(e))].sort((x, y) => y - x);
      return { e, ratio: (a + 0.05) / (b + 0.05) };
    })
    .filter(({ ratio }) => ratio < 4.5)
    .map(({ e, ratio }) => e.tagName + ' "' + e.textContent.trim().slice(0, 20) + '" ' + ratio.toFixed(2));
  return {
    lowContrast,
    scrollWidth: document.documentElement.scrollWidth,
    bodyFontPx: parseFloat(body.fontSize),
    lineHeightPx: parseFloat(body.lineHeight),
    scripts: document.querySelectorAll('script').length,
    pwned: 'pwned' in window,
    smallTargets: small,
  };
})()`;

/** Measures the page as laid out (MEASURE). */
export function measureLayout(page: Page): Promise<Layout> {
  return page.evaluate<Layout>(MEASURE);
}

/**
 * What a phone must get from every residents' page: no sideways scrolling at 360 px, no script (none
 * ran), targets ≥ 44 px, AA contrast, and our stylesheet applied (the CSP let it in): 18 px type at 1.6.
 */
export function expectPhoneLayout(layout: Layout): void {
  expect(layout.scrollWidth).toBeLessThanOrEqual(PHONE.width);
  expect(layout).toMatchObject({ scripts: 0, pwned: false, smallTargets: [], lowContrast: [] });
  expect(layout.bodyFontPx).toBeGreaterThanOrEqual(18);
  expect(layout.lineHeightPx / layout.bodyFontPx).toBeCloseTo(1.6, 2);
}
