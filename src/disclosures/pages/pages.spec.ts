import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { renderBoardPage } from './board-page';
import { renderErrorPage } from './error-page';
import { PAGE_CSP, pageHeaders } from './headers';
import { renderNoticePage } from './notice-page';
import { renderObjectionReceivedPage, renderObjectionStatusPage } from './objection-pages';
import { PAGE_STYLE } from './styles';
import type {
  BoardPageView,
  NoticeItemView,
  NoticePageView,
  ObjectionReceivedPageView,
  ObjectionStatusPageView,
} from './views';

const society = { id: 'soc-1', name: '城东社区互助会', contactPhone: '0566-2345678' };
const head = { seq: 1234, hashPrefix: '3f9a0c1b2d4e' };

const item = (over: Partial<NoticeItemView> = {}): NoticeItemView => ({
  caseNo: 'HZ-2026-0007',
  displayName: '小李（化名）',
  categoryLabel: '重病',
  amountFen: 1_000_000,
  approvedOn: '2026-11-20',
  paidOn: '2026-11-21',
  vote: { eligible: 9, cast: 8, approve: 7 },
  ...over,
});

const notice = (
  over: Partial<NoticePageView['notice']> = {},
  form?: NoticePageView['form'],
): NoticePageView => ({
  society,
  notice: {
    id: 'd-1',
    noticeNo: 'GS-2026-003',
    status: 'active',
    publishedOn: '2026-11-29',
    periodFrom: '2026-11-29',
    periodTo: '2026-12-05',
    note: null,
    items: [item(), item({ caseNo: 'HZ-2026-0008', displayName: '某未成年人', amountFen: 234_567 })],
    totalFen: 1_234_567,
    checkCode: 'a1b2c3d4e5f6',
    auditHead: head,
    pdfUrl: '/api/v1/public/disclosures/d-1/notice.pdf',
    ...over,
  },
  form,
});

const board = (over: Partial<BoardPageView> = {}): BoardPageView => ({
  society,
  asOf: '2026-11-29',
  fund: {
    balanceFen: 123_456,
    donatedThisYearFen: 5_000_000,
    aidPaidThisYearFen: 1_234_567,
    aidedThisYear: 12,
  },
  activeNotices: [
    {
      id: 'd-1',
      noticeNo: 'GS-2026-003',
      publishedOn: '2026-11-29',
      periodFrom: '2026-11-29',
      periodTo: '2026-12-05',
      itemCount: 2,
      totalFen: 1_234_567,
    },
  ],
  auditHead: head,
  ...over,
});

const received: ObjectionReceivedPageView = {
  society: { id: 'soc-1', name: '城东社区互助会' },
  notice: { id: 'd-1', noticeNo: 'GS-2026-003' },
  trackingCode: 'K7Q2-9XMD-4HPA',
};

const status = (over: Partial<ObjectionStatusPageView> = {}): ObjectionStatusPageView => ({
  trackingCode: 'K7Q2-9XMD-4HPA',
  status: 'open',
  response: null,
  createdOn: '2026-11-30',
  resolvedOn: null,
  ...over,
});

/** Every page the module renders, in the states that change what is shown. */
const ALL_PAGES: [string, () => string][] = [
  ['board', () => renderBoardPage(board())],
  ['board with nothing active', () => renderBoardPage(board({ activeNotices: [], endedNotices: [] }))],
  ['notice (active)', () => renderNoticePage(notice())],
  ['notice (ended)', () => renderNoticePage(notice({ status: 'ended' }))],
  ['notice (withdrawn)', () => renderNoticePage(notice({ status: 'withdrawn' }))],
  ['notice with errors', () => renderNoticePage(notice({}, { errors: { content: ['请填写异议内容'] } }))],
  ['objection received', () => renderObjectionReceivedPage(received)],
  ['objection status', () => renderObjectionStatusPage(status())],
  ['error 404', () => renderErrorPage(404)],
];

describe('the residents’ pages', () => {
  describe.each(ALL_PAGES)('%s', (_, render) => {
    const page = render();

    it('is a whole Chinese document for phones, with the one stylesheet and nothing else to load', () => {
      expect(page.startsWith('<!doctype html>\n<html lang="zh-CN">')).toBe(true);
      expect(page).toContain('<meta charset="utf-8">');
      expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(page).toContain(`<style>${PAGE_STYLE}</style>`);
      expect(page.trimEnd().endsWith('</html>')).toBe(true);
    });

    it('has no script, no style attribute, no event handler and no external resource', () => {
      expect(page).not.toMatch(/<script/i);
      expect(page).not.toMatch(/\sstyle=/i);
      expect(page).not.toMatch(/\son[a-z]+=/i);
      expect(page).not.toMatch(/\ssrc=/i);
      expect(page.match(/<link [^>]*>/g)).toEqual(['<link rel="icon" href="data:,">']);
      expect(page).not.toMatch(/(href|action)="(https?:)?\/\//i);
    });

    it('has exactly one <style>, whose SHA-256 is the one the CSP allows', () => {
      const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
      expect(styles).toHaveLength(1);
      const hash = createHash('sha256').update(styles[0], 'utf8').digest('base64');
      expect(pageHeaders()['Content-Security-Policy']).toContain(`style-src 'sha256-${hash}';`);
    });
  });

  it('the stylesheet asks for type of 18 px and more, line height 1.6, system Chinese fonts only', () => {
    expect(PAGE_STYLE).toContain('html{font-size:112.5%;'); // of the browser's 16 px
    expect(PAGE_STYLE).toMatch(/body\{[^}]*line-height:1\.6/);
    expect(PAGE_STYLE).toMatch(/font-family:"PingFang SC","Noto Sans SC",[^;]*"Microsoft YaHei",sans-serif/);
    expect(PAGE_STYLE).not.toMatch(/@import|@font-face|url\(/);
  });
});

describe('pageHeaders', () => {
  it('sends HTML as UTF-8 with a strict CSP, nosniff and no referrer; no-store unless asked', () => {
    expect(pageHeaders()).toEqual({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy':
        "default-src 'none'; style-src 'sha256-" +
        createHash('sha256').update(PAGE_STYLE).digest('base64') +
        "'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    expect(pageHeaders('short')['Cache-Control']).toBe('public, max-age=60');
    expect(pageHeaders('short')['Content-Security-Policy']).toBe(PAGE_CSP);
  });
});

describe('renderBoardPage', () => {
  it('shows the society, its phone, the fund’s totals, the active notices and the audit head', () => {
    const page = renderBoardPage(board());
    expect(page).toContain('<title>城东社区互助会 公示栏</title>');
    expect(page).toContain('<a class="tap" href="tel:0566-2345678">联系电话：0566-2345678</a>');
    expect(page).toContain('截至<span class="nw">2026年11月29日</span>');
    for (const [label, value] of [
      ['余额', '¥1,234.56'],
      ['本年捐赠', '¥50,000.00'],
      ['本年救助支出', '¥12,345.67'],
      ['本年救助人次', '12人次'],
    ]) {
      expect(page).toContain(`<span>${label}</span><span class="value">${value}</span>`);
    }
    expect(page).toContain('<a class="tap" href="/p/disclosures/d-1">公示 GS-2026-003</a>');
    expect(page).toContain(
      '公示期：<span class="nw">2026年11月29日</span>至<span class="nw">2026年12月5日</span>',
    );
    expect(page).toContain('共2项，合计 <strong>¥12,345.67</strong>');
    expect(page).toContain('<strong>第1234条</strong> <span class="mono">3f9a0c1b2d4e</span>');
    expect(page).toContain('审计链');
    expect(page).not.toContain('已结束的公示');
  });

  it('says so when nothing is being publicized, lists ended notices when given, and omits a missing phone', () => {
    const ended = { ...board().activeNotices[0], id: 'd-0', noticeNo: 'GS-2026-001' };
    const page = renderBoardPage(
      board({ activeNotices: [], endedNotices: [ended], society: { ...society, contactPhone: null } }),
    );
    expect(page).toContain('目前没有正在公示的救助。');
    expect(page).toContain('已结束的公示');
    expect(page).toContain('href="/p/disclosures/d-0"');
    expect(page).not.toContain('tel:');
  });
});

describe('renderNoticePage', () => {
  it('shows the notice: number, status, dates, an item card each with figures, 大写, dates and vote', () => {
    const page = renderNoticePage(notice({ note: '第一行\n第二行' }));
    expect(page).toContain('<h1>城东社区互助会救助公示</h1>');
    expect(page).toContain('公示编号 <strong>GS-2026-003</strong>');
    expect(page).toContain('<span class="badge status-active">公示中</span>');
    expect(page).toContain(
      '<dt>公示期</dt><dd><span class="nw">2026年11月29日</span>至<span class="nw">2026年12月5日</span></dd>',
    );
    expect(page).toContain('救助明细（2项）');
    expect(page.match(/<li class="card">/g)).toHaveLength(2);
    expect(page).toContain('<h3>小李（化名）</h3>');
    expect(page).toContain('<h3>某未成年人</h3>');
    expect(page).toContain('重病 · 编号 HZ-2026-0007');
    expect(page).toContain('<p class="amount">¥10,000.00</p>\n<p class="capitals">人民币壹万元整</p>');
    expect(page).toContain('<p class="capitals">人民币贰仟叁佰肆拾伍元陆角柒分</p>');
    expect(page).toContain('<dt>批准日期</dt><dd><span class="nw">2026年11月20日</span></dd>');
    expect(page).toContain('<dt>发放日期</dt><dd><span class="nw">2026年11月21日</span></dd>');
    expect(page).toContain('<dd><span class="nw">9人中8人参加，</span><span class="nw">7人同意</span></dd>');
    expect(page).toContain('合计 <span class="amount">¥12,345.67</span>');
    expect(page).toContain('<p class="note">第一行\n第二行</p>');
    expect(page).toContain('<dt>校验码</dt><dd class="mono">a1b2c3d4e5f6</dd>');
    expect(page).toContain('第1234条 <span class="mono">3f9a0c1b2d4e</span>');
    expect(page).toContain(
      '<a class="tap" href="/api/v1/public/disclosures/d-1/notice.pdf">下载打印版公示（PDF）</a>',
    );
    expect(page).toContain('<a class="tap" href="/p/soc-1">返回城东社区互助会公示栏</a>');
  });

  it('while active: the objection form, with a choice of item (整份公示 first) when there are several', () => {
    const page = renderNoticePage(notice());
    expect(page).toContain(
      '<form method="post" action="/p/disclosures/d-1/objections#objection" accept-charset="utf-8">',
    );
    expect(page).toContain('<textarea id="content" name="content" required maxlength="2000">\n</textarea>');
    expect(page).toContain('<select id="caseNo" name="caseNo">\n<option value="">整份公示</option>');
    expect(page).toContain('<option value="HZ-2026-0008">编号 HZ-2026-0008 · 某未成年人</option>');
    expect(page).not.toContain(' selected');
    expect(page).toContain('<input id="contactName" name="contactName" autocomplete="name" value="">');
    expect(page).toContain(
      '<input id="contactPhone" name="contactPhone" type="tel" autocomplete="tel" value="">',
    );
    expect(page).toContain('<button type="submit">提交异议</button>');
    expect(page).not.toContain('class="errors"');
  });

  it('with one item there is nothing to choose: no caseNo field', () => {
    const page = renderNoticePage(notice({ items: [item()], totalFen: 1_000_000 }));
    expect(page).toContain('<form method="post"');
    expect(page).not.toContain('name="caseNo"');
  });

  it('shown again after a refusal: what was typed (escaped), the chosen item, messages by field and at the top', () => {
    const page = renderNoticePage(
      notice(
        {},
        {
          values: {
            content: '\n账目 <不对> & "多报了"',
            caseNo: 'HZ-2026-0008',
            contactName: `O'Neil "张"`,
            contactPhone: '138<0013>8000',
          },
          errors: { contactPhone: ['手机号格式不正确'], body: ['请求有误'] },
        },
      ),
    );
    expect(page).toContain(
      '<textarea id="content" name="content" required maxlength="2000">\n\n账目 &lt;不对&gt; &amp; &quot;多报了&quot;</textarea>',
    );
    expect(page).toContain('<option value="HZ-2026-0008" selected>');
    expect(page).toContain('value="O&#39;Neil &quot;张&quot;"');
    expect(page).toContain(
      'value="138&lt;0013&gt;8000" aria-invalid="true" aria-describedby="contactPhone-error">',
    );
    expect(page).toContain('<p class="error" id="contactPhone-error">手机号格式不正确</p>');
    expect(page).toContain('<a class="tap" href="#contactPhone">联系电话：手机号格式不正确</a>');
    expect(page).toContain('<li>请求有误</li>');
  });

  it('ended: items stay, the form goes; withdrawn: neither items nor form', () => {
    const ended = renderNoticePage(notice({ status: 'ended' }));
    expect(ended).toContain('<span class="badge status-ended">已结束</span>');
    expect(ended).toContain('公示期已结束，不再受理异议。');
    expect(ended).toContain('<h3>小李（化名）</h3>');
    expect(ended).not.toContain('<form');

    const withdrawn = renderNoticePage(notice({ status: 'withdrawn' }));
    expect(withdrawn).toContain('<span class="badge status-withdrawn">已撤回</span>');
    expect(withdrawn).toContain('本公示已撤回');
    expect(withdrawn).not.toContain('小李');
    expect(withdrawn).not.toContain('¥');
    expect(withdrawn).not.toContain('<form');
    expect(withdrawn).not.toContain('PDF');
  });

  it('a PDF link that is not a path or http(s) URL is not linked', () => {
    const page = renderNoticePage(notice({ pdfUrl: 'javascript:alert(1)' }));
    expect(page).toContain('<a class="tap" href="#">下载打印版公示（PDF）</a>');
  });
});

describe('the objection pages', () => {
  it('received: the tracking code large, what happens next, the link to its status', () => {
    const page = renderObjectionReceivedPage(received);
    expect(page).toContain('<p class="code mono">K7Q2-9XMD-4HPA</p>');
    expect(page).toContain('接下来');
    expect(page).toContain('<a class="button" href="/p/objections/K7Q2-9XMD-4HPA">查看处理进度</a>');
    expect(page).toContain('href="/p/disclosures/d-1"');
  });

  it('status: 待处理 while open; 不成立 / 成立 with the answer and both dates once resolved', () => {
    const open = renderObjectionStatusPage(status());
    expect(open).toContain('<span class="badge status-open">待处理</span>');
    expect(open).toContain('<dt>提交日期</dt><dd><span class="nw">2026年11月30日</span></dd>');
    expect(open).not.toContain('处理日期');

    const resolved = { response: '经核实，情况属实。\n已重新审查。', resolvedOn: '2026-12-03' };
    const dismissed = renderObjectionStatusPage(status({ status: 'dismissed', ...resolved }));
    expect(dismissed).toContain('<span class="badge status-dismissed">不成立</span>');
    expect(dismissed).toContain('<dt>处理日期</dt><dd><span class="nw">2026年12月3日</span></dd>');
    expect(dismissed).toContain('<p class="note">经核实，情况属实。\n已重新审查。</p>');

    const upheld = renderObjectionStatusPage(
      status({ status: 'upheld', ...resolved, notice: received.notice, society: received.society }),
    );
    expect(upheld).toContain('<span class="badge status-upheld">成立</span>');
    expect(upheld).toContain('<header class="site"><div class="wrap">城东社区互助会</div></header>');
    expect(upheld).toContain('<a class="tap" href="/p/disclosures/d-1">查看公示 GS-2026-003</a>');
  });
});

describe('renderErrorPage', () => {
  it.each([
    [404, '未找到', '没有找到这个页面'],
    [409, '公示已结束', '公示已结束，不再受理异议。'],
    [429, '操作过于频繁', '操作过于频繁，请稍后再试。'],
    [500, '出错了', '请稍后再试'],
  ])('%i: %s', (code, title, text) => {
    const page = renderErrorPage(code);
    expect(page).toContain(`<title>${title}</title>`);
    expect(page).toContain(`<h1>${title}</h1>`);
    expect(page).toContain(text);
  });

  it('a given message replaces the default; a link back when given', () => {
    const page = renderErrorPage(409, '公示已于12月5日结束', {
      href: '/p/disclosures/d-1',
      label: '返回公示',
    });
    expect(page).toContain('<p>公示已于12月5日结束</p>');
    expect(page).toContain('<a class="tap" href="/p/disclosures/d-1">返回公示</a>');
  });
});

// --- No value reaches the markup unescaped, whatever it holds. ---

/** Text built to break out: markup pieces, quotes, entities, newlines, and any Unicode at all. */
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom('<', '>', '"', "'", '&', '<script>', '</textarea>', '"><img src=x>', '&lt;', '\n', '张'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 12,
});
const day = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const fen = fc.integer({ min: 0, max: 10 ** 12 });
const count = fc.nat(50);
const auditHead = fc.record({ seq: fc.nat(), hashPrefix: hostile });
const pageSociety = fc.record({ id: hostile, name: hostile, contactPhone: fc.option(hostile) });
const messages = fc.array(hostile, { maxLength: 2 });

const noticeView: fc.Arbitrary<NoticePageView> = fc.record({
  society: pageSociety,
  notice: fc.record({
    id: hostile,
    noticeNo: hostile,
    status: fc.constantFrom('active' as const, 'ended' as const, 'withdrawn' as const),
    publishedOn: day,
    periodFrom: day,
    periodTo: day,
    note: fc.option(hostile),
    items: fc.array(
      fc.record({
        caseNo: hostile,
        displayName: hostile,
        categoryLabel: hostile,
        amountFen: fen,
        approvedOn: day,
        paidOn: day,
        vote: fc.record({ eligible: count, cast: count, approve: count }),
      }),
      { maxLength: 3 },
    ),
    totalFen: fen,
    checkCode: hostile,
    auditHead,
    pdfUrl: hostile,
  }),
  form: fc.option(
    fc.record({
      values: fc.record(
        { content: hostile, caseNo: hostile, contactName: hostile, contactPhone: hostile },
        { requiredKeys: [] },
      ),
      errors: fc.dictionary(
        fc.oneof(fc.constantFrom('content', 'caseNo', 'contactPhone'), hostile),
        messages,
      ),
    }),
    { nil: undefined },
  ),
});

const summary = fc.record({
  id: hostile,
  noticeNo: hostile,
  publishedOn: day,
  periodFrom: day,
  periodTo: day,
  itemCount: count,
  totalFen: fen,
});
const boardView: fc.Arbitrary<BoardPageView> = fc.record({
  society: pageSociety,
  asOf: day,
  fund: fc.record({
    balanceFen: fen,
    donatedThisYearFen: fen,
    aidPaidThisYearFen: fen,
    aidedThisYear: count,
  }),
  activeNotices: fc.array(summary, { maxLength: 3 }),
  endedNotices: fc.array(summary, { maxLength: 2 }),
  auditHead,
});
const ref = fc.record({ id: hostile, name: hostile });
const receivedView = fc.record({
  society: ref,
  notice: fc.record({ id: hostile, noticeNo: hostile }),
  trackingCode: hostile,
});
const statusView: fc.Arbitrary<ObjectionStatusPageView> = fc.record(
  {
    trackingCode: hostile,
    status: fc.constantFrom('open' as const, 'dismissed' as const, 'upheld' as const),
    response: fc.option(hostile),
    createdOn: day,
    resolvedOn: fc.option(day),
    society: ref,
    notice: fc.record({ id: hostile, noticeNo: hostile }),
  },
  { requiredKeys: ['trackingCode', 'status', 'response', 'createdOn', 'resolvedOn'] },
);

/** The same view with every markup character in its text replaced by a harmless one of the same length. */
function defused<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/[<>"'&]/g, 'x') as T;
  if (Array.isArray(value)) return value.map(defused) as T;
  if (value !== null && typeof value === 'object') {
    // Keys are defused injectively ('_' encoded too): two hostile keys must not merge into one.
    const key = (k: string) => k.replace(/[<>"'&_]/g, (c) => `_${c.charCodeAt(0)}_`);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [key(k), defused(v)])) as T;
  }
  return value;
}

function markupChars(s: string): Record<string, number> {
  const counts: Record<string, number> = { '<': 0, '>': 0, '"': 0, "'": 0 };
  for (const c of s) if (c in counts) counts[c]++;
  return counts;
}

describe('property: no text of a view adds markup to its page (a <, >, " or \' comes only from our templates)', () => {
  function check<T>(view: fc.Arbitrary<T>, render: (v: T) => string): void {
    fc.assert(
      fc.property(view, (v) => {
        const page = render(v);
        expect(markupChars(page)).toEqual(markupChars(render(defused(v))));
        expect(page).not.toMatch(/<script|<img|<\/textarea>[\s\S]*<\/textarea>/);
      }),
      { numRuns: 300 },
    );
  }

  it('renderNoticePage', () => check(noticeView, renderNoticePage));
  it('renderBoardPage', () => check(boardView, renderBoardPage));
  it('renderObjectionReceivedPage', () => check(receivedView, renderObjectionReceivedPage));
  it('renderObjectionStatusPage', () => check(statusView, renderObjectionStatusPage));
  it('renderErrorPage', () =>
    check(fc.record({ status: fc.integer({ min: 400, max: 599 }), message: hostile, href: hostile }), (v) =>
      renderErrorPage(v.status, v.message, { href: v.href, label: v.message }),
    ));
});
