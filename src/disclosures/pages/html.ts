// HTML built from tagged templates: every interpolated value is escaped unless it is already Html
// (another template's output, or a trusted fragment marked with raw()). Attribute values must be
// written in double quotes in the templates; escaping then keeps any value inside its attribute.

/** A fragment of markup that is safe to insert as it is. */
export class Html {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

/** What a template accepts: text and numbers (escaped), Html (as it is), lists of those; nothing renders as ''. */
export type HtmlValue = string | number | Html | null | undefined | false | readonly HtmlValue[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe in an element's content and in a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Marks markup as trusted: only for fragments written in our code (the stylesheet), never for data. */
export function raw(trusted: string): Html {
  return new Html(trusted);
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return new Html(out);
}

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.markup;
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return escapeHtml(String(value));
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  // A Date or an object would print "[object Object]" or a locale string: a bug in the caller.
  throw new TypeError(`cannot render a ${typeof value} in HTML`);
}

/**
 * A link target from data: a path on this site or an http(s) URL; anything else (javascript:,
 * data:, a protocol-relative //host or /\host) becomes '#'. The result is text, escaped when interpolated.
 */
export function safeHref(url: string): string {
  // Browsers drop tabs and newlines inside URLs, so "/\t/host" would be "//host": refuse controls.
  if (Array.from(url).some((c) => c <= '\u001f' || c === '\u007f')) return '#';
  if (/^\/(?![/\\])/.test(url) || /^https?:\/\//i.test(url)) return url;
  return '#';
}

/** A path segment from data (an id, a tracking code), percent-encoded. */
export function pathSegment(value: string): string {
  return encodeURIComponent(value);
}
