import { PAGE_STYLE_SOURCE } from './styles';

/**
 * How long a page may be kept:
 * - 'short' (`public, max-age=60`): what any resident sees alike — the board, a notice read by GET.
 *   A minute keeps a QR-code rush cheap; a withdrawal or new totals show within that minute.
 * - 'no-store': anything personal to the visitor or to one request — an objection form shown again
 *   with what was typed (contact phone included), the tracking code, an objection's status, errors.
 */
export type PageCaching = 'short' | 'no-store';

const CACHE_CONTROL: Record<PageCaching, string> = {
  short: 'public, max-age=60',
  'no-store': 'no-store',
};

/**
 * No script, no frame, no external anything: only our one inline stylesheet (by hash), images from
 * this site or data: URLs (the favicon is `data:,`), forms posting back to this site.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src ${PAGE_STYLE_SOURCE}`,
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The headers every residents' page is sent with (they replace the API's CSP from helmet). */
export function pageHeaders(caching: PageCaching = 'no-store'): Readonly<Record<string, string>> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': CACHE_CONTROL[caching],
  };
}
