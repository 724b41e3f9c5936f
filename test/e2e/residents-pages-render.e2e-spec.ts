import Fastify, { FastifyInstance, FastifyReply } from 'fastify';
import { statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { BODY_LIMIT } from '../../src/app.factory';
import { FORM_CONTENT_TYPE, formBodyParser } from '../../src/common/http/form-body';
import { renderBoardPage } from '../../src/disclosures/pages/board-page';
import { renderErrorPage } from '../../src/disclosures/pages/error-page';
import { PAGE_CSP, PageCaching, pageHeaders } from '../../src/disclosures/pages/headers';
import { renderNoticePage } from '../../src/disclosures/pages/notice-page';
import {
  renderObjectionReceivedPage,
  renderObjectionStatusPage,
} from '../../src/disclosures/pages/objection-pages';
import type { BoardPageView, NoticePageView, ObjectionField } from '../../src/disclosures/pages/views';
import {
  expectPhoneLayout,
  launchBrowser,
  Layout,
  measureLayout,
  PHONE,
  phoneContext,
  screenshot,
  watchConsole,
} from '../support/browser';

/**
 * The residents' pages in a real Chromium at 360 px: served by a tiny Fastify server with sample data,
 * as a phone opens them (the real /p/ routes in a browser: residents-browser.e2e-spec.ts).
 * Screenshots go to test-output/screenshots/ for a person to look at.
 */
const SCRIPT_NAME = '<script>window.pwned = 1</script>（化名）';
const TRACKING_CODE = 'Q7XK-2M9D-HP4A';

const society = { id: 'soc-1', name: '青溪村互助会', contactPhone: '0566-5123456' };
const notice: NoticePageView['notice'] = {
  id: 'd-1',
  noticeNo: 'GS-2026-007',
  status: 'active',
  publishedOn: '2026-11-29',
  periodFrom: '2026-11-29',
  periodTo: '2026-12-05',
  note: '两户均经入户走访核实。\n对公示内容有疑问，也可以直接联系监事会。',
  items: [
    {
      caseNo: 'HZ-2026-0031',
      displayName: SCRIPT_NAME,
      categoryLabel: '重病',
      amountFen: 1_500_000,
      approvedOn: '2026-11-20',
      paidOn: '2026-11-21',
      vote: { eligible: 9, cast: 8, approve: 7 },
    },
    {
      caseNo: 'HZ-2026-0032',
      displayName: '王*明',
      categoryLabel: '火灾',
      amountFen: 380_050,
      approvedOn: '2026-11-25',
      paidOn: '2026-11-25',
      vote: { eligible: 9, cast: 9, approve: 9 },
    },
  ],
  totalFen: 1_880_050,
  checkCode: 'a1b2c3d4e5f6',
  auditHead: { seq: 1287, hashPrefix: '9f3c2a7be041' },
  pdfUrl: '/api/v1/public/disclosures/d-1/notice.pdf',
};
const summary = {
  id: notice.id,
  noticeNo: notice.noticeNo,
  publishedOn: notice.publishedOn,
  periodFrom: notice.periodFrom,
  periodTo: notice.periodTo,
  itemCount: 2,
  totalFen: notice.totalFen,
};
const board: BoardPageView = {
  society,
  asOf: '2026-11-30',
  fund: {
    balanceFen: 8_642_050,
    donatedThisYearFen: 12_345_600,
    aidPaidThisYearFen: 4_180_050,
    aidedThisYear: 7,
  },
  activeNotices: [summary],
  endedNotices: [
    {
      ...summary,
      id: 'd-0',
      noticeNo: 'GS-2026-006',
      periodFrom: '2026-10-08',
      periodTo: '2026-10-14',
      itemCount: 1,
      totalFen: 800_000,
    },
  ],
  auditHead: { seq: 1342, hashPrefix: '0c7d15e9a2b8' },
};

/** The tiny server: the pages with their headers, and the form posted back through our parser. */
function pagesServer(received: Record<string, string>[]): FastifyInstance {
  const app = Fastify();
  app.addContentTypeParser(FORM_CONTENT_TYPE, { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, formBodyParser);
  const send = (reply: FastifyReply, status: number, page: string, caching: PageCaching = 'no-store') =>
    reply.code(status).headers(pageHeaders(caching)).send(page);

  app.get('/p/soc-1', (_, reply) => send(reply, 200, renderBoardPage(board), 'short'));
  app.get('/p/disclosures/d-1', (_, reply) =>
    send(reply, 200, renderNoticePage({ society, notice }), 'short'),
  );
  app.post('/p/disclosures/d-1/objections', (request, reply) => {
    const body = request.body as Record<string, string>;
    received.push(body);
    if ((body.content ?? '').trim() === '') {
      const values: Partial<Record<ObjectionField, string>> = {
        content: body.content,
        caseNo: body.caseNo,
        contactName: body.contactName,
        contactPhone: body.contactPhone,
      };
      const form = { values, errors: { content: ['请填写异议内容'] } };
      return send(reply, 400, renderNoticePage({ society, notice, form }));
    }
    return send(
      reply,
      201,
      renderObjectionReceivedPage({
        society,
        notice: { id: notice.id, noticeNo: notice.noticeNo },
        trackingCode: TRACKING_CODE,
      }),
    );
  });
  app.get(`/p/objections/${TRACKING_CODE}`, (_, reply) =>
    send(
      reply,
      200,
      renderObjectionStatusPage({
        trackingCode: TRACKING_CODE,
        status: 'open',
        response: null,
        createdOn: '2026-11-30',
        resolvedOn: null,
        society,
        notice: { id: notice.id, noticeNo: notice.noticeNo },
      }),
    ),
  );
  app.setNotFoundHandler((_, reply) => send(reply, 404, renderErrorPage(404)));
  return app;
}

describe('The residents’ pages in a real browser, on a 360 px phone', () => {
  const received: Record<string, string>[] = [];
  const server = pagesServer(received);
  let base: string;
  let browser: Browser;
  const shots: string[] = [];

  beforeAll(async () => {
    await server.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server.close();
  });

  /**
   * Opens `path` (or checks the page already there), measures it and saves its screenshot. Chromium
   * logs an answer other than 2xx as a failed resource: `status` says which one is expected.
   */
  async function check(page: Page, problems: string[], name: string, status = 200): Promise<Layout> {
    const layout = await measureLayout(page);
    expectPhoneLayout(layout);
    const expected = `error: Failed to load resource: the server responded with a status of ${status}`;
    expect(problems.splice(0).filter((p) => status < 400 || !p.startsWith(expected))).toEqual([]);
    shots.push(await screenshot(page, name));
    return layout;
  }

  async function open(path: string, status = 200): Promise<{ page: Page; problems: string[] }> {
    const page = await (await phoneContext(browser)).newPage();
    const problems = watchConsole(page);
    const res = await page.goto(base + path);
    expect(res?.status()).toBe(status);
    expect(res?.headers()['content-security-policy']).toBe(PAGE_CSP);
    return { page, problems };
  }

  it('the board: totals, the active notice, the audit head; no sideways scrolling, type ≥ 18 px, big targets', async () => {
    const { page, problems } = await open('/p/soc-1');
    await check(page, problems, 'board');
    await expect(page.getByText('¥86,420.50').isVisible()).resolves.toBe(true);
    await expect(page.getByText('第1342条').isVisible()).resolves.toBe(true);
    await page.getByRole('link', { name: '公示 GS-2026-007' }).click();
    await page.waitForURL(`${base}/p/disclosures/d-1`);
    await page.context().close();
  });

  it('the notice: the <script> pseudonym is shown as text and never runs (with the CSP, and with it bypassed)', async () => {
    const { page, problems } = await open('/p/disclosures/d-1');
    await check(page, problems, 'notice');
    await expect(page.getByRole('heading', { name: SCRIPT_NAME }).isVisible()).resolves.toBe(true);
    await expect(page.getByText('9人中8人参加，7人同意').isVisible()).resolves.toBe(true);
    await expect(page.getByText('人民币壹万捌仟捌佰元伍角整').isVisible()).resolves.toBe(true);
    await page.context().close();

    // Escaping alone, without the CSP's help: a page that let the name through as markup would run it here.
    const bare = await phoneContext(browser, { bypassCSP: true });
    const unprotected = await bare.newPage();
    await unprotected.goto(`${base}/p/disclosures/d-1`);
    await expect(measureLayout(unprotected)).resolves.toMatchObject({ scripts: 0, pwned: false });
    await bare.close();
  });

  it('the objection form works without script: refused with the message and what was typed, then accepted', async () => {
    const { page, problems } = await open('/p/disclosures/d-1');
    const typedName = '<script>window.pwned = 1</script>"张';
    await page.selectOption('#caseNo', 'HZ-2026-0032');
    await page.fill('#content', '   ');
    await page.fill('#contactName', typedName);
    await page.fill('#contactPhone', '13800138000');
    await Promise.all([
      page.waitForURL(`${base}/p/disclosures/d-1/objections#objection`),
      page.click('text=提交异议'),
    ]);

    await check(page, problems, 'notice-form-refused', 400);
    // The answer opens at the form (the action's #objection), not at the top of a long page.
    const formTop = await page.evaluate<number>(
      `document.getElementById('objection').getBoundingClientRect().top`,
    );
    expect(Math.abs(formTop)).toBeLessThan(PHONE.height / 2);
    await expect(page.evaluate<number>('window.scrollY')).resolves.toBeGreaterThan(PHONE.height);
    await expect(page.locator('#content-error').textContent()).resolves.toBe('请填写异议内容');
    await expect(page.inputValue('#contactName')).resolves.toBe(typedName);
    await expect(page.inputValue('#contactPhone')).resolves.toBe('13800138000');
    await expect(page.inputValue('#caseNo')).resolves.toBe('HZ-2026-0032');

    const content = '第二户去年已领过一次救助，这次金额是否偏高？\n请核实。';
    await page.fill('#content', content);
    await Promise.all([
      // The new document's load: the page already has the URL this form posts to.
      page.waitForEvent('load'),
      page.click('text=提交异议'),
    ]);
    expect(page.url()).toBe(`${base}/p/disclosures/d-1/objections#objection`);
    await check(page, problems, 'objection-received', 201);
    await expect(page.getByText(TRACKING_CODE).isVisible()).resolves.toBe(true);
    expect(received.at(-1)).toEqual({
      caseNo: 'HZ-2026-0032',
      content: content.replace(/\n/g, '\r\n'), // as browsers submit a textarea's line breaks
      contactName: typedName,
      contactPhone: '13800138000',
    });

    await Promise.all([
      page.waitForURL(`${base}/p/objections/${TRACKING_CODE}`),
      page.click('text=查看处理进度'),
    ]);
    await check(page, problems, 'objection-status');
    await expect(page.getByText('待处理').isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it('an unknown notice: the 404 page', async () => {
    const { page, problems } = await open('/p/disclosures/d-404', 404);
    await check(page, problems, 'error-404', 404);
    await expect(page.getByRole('heading', { name: '未找到' }).isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it('saved a screenshot of every page', () => {
    for (const shot of shots) expect(statSync(shot).size).toBeGreaterThan(10_000);
    expect(shots.map((p) => p.split('/').pop())).toEqual([
      'board.png',
      'notice.png',
      'notice-form-refused.png',
      'objection-received.png',
      'objection-status.png',
      'error-404.png',
    ]);
  });
});
