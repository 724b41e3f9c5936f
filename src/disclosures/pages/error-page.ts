import { html, safeHref } from './html';
import { renderDocument } from './layout';

const TITLES: Record<number, { title: string; message: string }> = {
  400: { title: '请求有误', message: '请返回上一页检查后再试。' },
  404: { title: '未找到', message: '没有找到这个页面：公示可能已撤回，或网址有误。' },
  409: { title: '公示已结束', message: '公示已结束，不再受理异议。' },
  429: { title: '操作过于频繁', message: '操作过于频繁，请稍后再试。' },
};
const OTHER = { title: '出错了', message: '页面暂时无法显示，请稍后再试。' };

/**
 * An error as a page, for a resident's browser rather than the API's JSON: 404 (未找到), 409 (公示已结束…),
 * 429 (操作过于频繁…), others generic. `message` (e.g. the API error's Chinese message) replaces the
 * default explanation; `back` adds a link, e.g. to the notice.
 */
export function renderErrorPage(
  status: number,
  message?: string,
  back?: { href: string; label: string },
): string {
  const known = TITLES[status] ?? OTHER;
  return renderDocument({
    title: known.title,
    site: '互助会公示',
    main: html`
<h1>${known.title}</h1>
<p>${message ?? known.message}</p>
${back && html`<p><a class="tap" href="${safeHref(back.href)}">${back.label}</a></p>`}`,
  });
}
