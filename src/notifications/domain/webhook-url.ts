/**
 * The shape rules of a webhook URL, before any name is resolved (API.md "Notifications"): http or
 * https only, no user name or password in it, at most 2000 characters. Pure (WHATWG URL is a global).
 */
export const MAX_URL_LENGTH = 2000;

export type UrlShape =
  | { ok: true; url: URL; /** The host without IPv6 brackets. */ host: string }
  | { ok: false; zh: string; en: string };

export function webhookUrlShape(text: string): UrlShape {
  if (text.length > MAX_URL_LENGTH)
    return {
      ok: false,
      zh: `不能超过 ${MAX_URL_LENGTH} 个字符`,
      en: `must be at most ${MAX_URL_LENGTH} characters`,
    };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, zh: '不是有效的网址', en: 'is not a valid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, zh: '只能是 http 或 https 网址', en: 'must be an http or https URL' };
  if (url.username !== '' || url.password !== '')
    return { ok: false, zh: '网址中不能含用户名或密码', en: 'must not contain a user name or password' };
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') return { ok: false, zh: '缺少主机名', en: 'has no host' };
  return { ok: true, url, host };
}
