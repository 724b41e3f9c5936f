import { telHref } from './format';
import { html, Html, HtmlValue, raw } from './html';
import { PAGE_STYLE } from './styles';
import type { PageSociety } from './views';

export interface PageFrame {
  /** The browser tab's title. */
  title: string;
  /** The bar at the top: the society's name, or a generic heading when not known. */
  site: string;
  main: HtmlValue;
  /** Extra lines for the footer (a link back, a contact). */
  footer?: HtmlValue;
}

/**
 * The whole document around a page's content. No script anywhere; the favicon is `data:,` so the
 * browser asks for nothing else; robots are asked not to index (the notices name aided people, even
 * by pseudonym: they are for the neighbours, not for search engines).
 */
export function renderDocument(frame: PageFrame): string {
  const page: Html = html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${frame.title}</title>
<link rel="icon" href="data:,">
<style>${raw(PAGE_STYLE)}</style>
</head>
<body>
<header class="site"><div class="wrap">${frame.site}</div></header>
<main class="wrap">
${frame.main}
</main>
<footer><div class="wrap">
${frame.footer}
<p>本页只公开救助所需的信息，不含身份证号、电话、住址、银行账号等个人信息。</p>
</div></footer>
</body>
</html>
`;
  return page.markup;
}

/** The society's phone as a link to call it, when it has one. */
export function contact(society: PageSociety): Html | false {
  return (
    society.contactPhone !== null &&
    html`<p><a class="tap" href="${telHref(society.contactPhone)}">联系电话：${society.contactPhone}</a></p>`
  );
}
