// How the global set-up (chromium.ts) tells the test workers where Chromium is (test/support/browser.ts).
// A file of its own: the workers must not load chromium.ts, which imports @sparticuz/chromium (an ES module).

/** The chromium executable. */
export const ENV_CHROMIUM_PATH = 'HUZHU_CHROMIUM_PATH';
/** `chromium.args` of @sparticuz/chromium, as JSON. */
export const ENV_CHROMIUM_ARGS = 'HUZHU_CHROMIUM_ARGS';
/** A fontconfig folder with Noto Sans SC, so Chinese shows as glyphs, not boxes. */
export const ENV_CHROMIUM_FONTS = 'HUZHU_CHROMIUM_FONTS';
