import fc from 'fast-check';
import { escapeHtml, html, Html, HtmlValue, pathSegment, raw, safeHref } from './html';

/** How many of each markup-significant character a string holds. */
function markupChars(s: string): Record<string, number> {
  const counts: Record<string, number> = { '<': 0, '>': 0, '"': 0, "'": 0 };
  for (const c of s) if (c in counts) counts[c]++;
  return counts;
}

describe('escapeHtml', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a & b', 'a &amp; b'],
    ['say "hi"', 'say &quot;hi&quot;'],
    ["it's", 'it&#39;s'],
    ['&amp;', '&amp;amp;'],
    ['互助会 ¥1,234.56', '互助会 ¥1,234.56'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('html``', () => {
  it('escapes text in content and in quoted attributes alike', () => {
    const value = `"><img src=x onerror='alert(1)'> & more`;
    expect(html`<p title="${value}">${value}</p>`.markup).toBe(
      '<p title="&quot;&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt; &amp; more">' +
        '&quot;&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt; &amp; more</p>',
    );
  });

  it('inserts Html as it is, joins lists, renders numbers, and nothing for null, undefined and false', () => {
    const inner = html`<b>${'<i>'}</b>`;
    const list: HtmlValue[] = [html`<li>1</li>`, '<li>', 2, null, undefined, false, [html`<hr>`, '&']];
    expect(html`<div>${inner}${list}</div>`.markup).toBe(
      '<div><b>&lt;i&gt;</b><li>1</li>&lt;li&gt;2<hr>&amp;</div>',
    );
  });

  it('raw() marks a trusted fragment, which is not escaped', () => {
    expect(html`<style>${raw('a>b{color:red}')}</style>`.markup).toBe('<style>a>b{color:red}</style>');
    expect(String(raw('<br>'))).toBe('<br>');
  });

  it('refuses a value that is not text, a number or Html (a Date, an object) rather than printing it oddly', () => {
    expect(() => html`${new Date(0) as unknown as string}`).toThrow(TypeError);
    expect(() => html`${{ toString: () => '<x>' } as unknown as string}`).toThrow(TypeError);
  });

  it('property: no value, however written, adds a <, >, " or \' to the markup', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string(), (a, b) => {
        const out = html`<a href="${a}" title='${b}'>${a}${[b, a]}</a>`.markup;
        expect(markupChars(out)).toEqual(markupChars(`<a href="" title=''></a>`));
      }),
      { numRuns: 500 },
    );
  });

  it('is an Html, so templates nest without double escaping', () => {
    const inner = html`<em>${'a&b'}</em>`;
    expect(inner).toBeInstanceOf(Html);
    expect(html`<p>${inner}</p>`.markup).toBe('<p><em>a&amp;b</em></p>');
  });
});

describe('safeHref', () => {
  it.each([
    ['/p/disclosures/1', '/p/disclosures/1'],
    ['/api/v1/public/disclosures/1/notice.pdf', '/api/v1/public/disclosures/1/notice.pdf'],
    ['https://huzhu.example.cn/p/1', 'https://huzhu.example.cn/p/1'],
    ['HTTP://host/x', 'HTTP://host/x'],
    ['javascript:alert(1)', '#'],
    [' javascript:alert(1)', '#'],
    ['JaVaScRiPt:alert(1)', '#'],
    ['data:text/html,<script>alert(1)</script>', '#'],
    ['//evil.example/x', '#'],
    ['/\\evil.example/x', '#'],
    ['/\t/evil.example/x', '#'],
    ['/\n/evil.example/x', '#'],
    ['relative/path', '#'],
    ['', '#'],
  ])('%j → %j', (url, expected) => {
    expect(safeHref(url)).toBe(expected);
  });
});

describe('pathSegment', () => {
  it('percent-encodes what would leave the segment or the attribute', () => {
    expect(pathSegment('a/b?c#d "e" <f>')).toBe('a%2Fb%3Fc%23d%20%22e%22%20%3Cf%3E');
    expect(pathSegment('K7Q2-9XMD')).toBe('K7Q2-9XMD');
  });
});
