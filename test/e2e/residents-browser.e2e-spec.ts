import { statSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { PAGE_CSP } from '../../src/disclosures/pages/headers';
import {
  expectPhoneLayout,
  launchBrowser,
  measureLayout,
  phoneContext,
  screenshot,
  watchConsole,
} from '../support/browser';
import { paidCase, publish } from '../support/disclosure-fixtures';
import type { TestSociety } from '../support/fixtures';
import { withTestApp } from '../support/test-app';

/**
 * A resident's story on the REAL application in a REAL Chromium on a 360 px phone (issue 9): the QR
 * code opens the society's board, the notice, the objection form (refused once, then sent), the
 * tracking code and its status page; the objection reaches the supervisors. Screenshots go to
 * test-output/screenshots/real-*.png for a person to look at.
 */
describe('A resident on a phone, on the real app (Chromium, 360 px)', () => {
  const t = withTestApp();
  let browser: Browser;
  let base: string;
  let soc: TestSociety;
  let notice: { id: string; noticeNo: string };
  let fanCaseNo: string;
  const shots: string[] = [];

  beforeAll(async () => {
    t.clock.set('2026-11-30T02:00:00Z');
    soc = await t.fx.society({ name: '青溪村救急难互助社', board: 5, contactPhone: '0566-5123456' });
    await t.fx.donation(soc, { amountFen: 5_000_000 });
    const fan = await paidCase(t, soc, { amountFen: 100_000, pseudonym: '小范' });
    const fire = await paidCase(t, soc, { amountFen: 380_050, pseudonym: '老王', category: 'disaster' });
    fanCaseNo = fan.caseNo;
    notice = await publish(
      t,
      soc,
      [fan.id, fire.id],
      '两户均经入户走访核实。\n对公示内容有疑问，可以在下方提出异议。',
    );
    await t.app.listen(0, '127.0.0.1');
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  /**
   * The page as laid out on the phone: fits 360 px, no script, our stylesheet (18 px type) let in by
   * the CSP; nothing reported in the console, bar Chromium's note of a non-2xx answer (`status`).
   */
  async function check(page: Page, problems: string[], name: string, status = 200): Promise<void> {
    expectPhoneLayout(await measureLayout(page));
    const expected = `error: Failed to load resource: the server responded with a status of ${status}`;
    expect(problems.splice(0).filter((p) => status < 400 || !p.startsWith(expected))).toEqual([]);
    shots.push(await screenshot(page, `real-${name}`));
  }

  /** Taps and waits for the page it opens at `path` (the fragment too), checking its status and CSP. */
  async function follow(page: Page, path: string, tap: () => Promise<void>, status: number): Promise<void> {
    const url = `${base}${path}`;
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url() === url.split('#')[0] && r.request().isNavigationRequest()),
      // The new document's load, not the URL: a form sent again posts to the URL the page already has.
      page.waitForEvent('load'),
      tap(),
    ]);
    expect(page.url()).toBe(url);
    expect(answer.status()).toBe(status);
    expect(answer.headers()['content-security-policy']).toBe(PAGE_CSP);
  }

  it('reads the board and the notice, objects (refused once, then sent), and follows the objection', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    const problems = watchConsole(page);

    // The board, as the QR code's link to the society opens it.
    const board = await page.goto(`${base}/p/${soc.id}`);
    expect(board?.status()).toBe(200);
    expect(board?.headers()['content-security-policy']).toBe(PAGE_CSP);
    await expect(page.locator('header.site').textContent()).resolves.toBe(soc.name);
    await expect(page.getByText('¥45,199.50').isVisible()).resolves.toBe(true); // ¥50,000 less the two aids
    const link = page.getByRole('link', { name: `公示 ${notice.noticeNo}` });
    await expect(link.isVisible()).resolves.toBe(true);
    await check(page, problems, 'board');

    // Tap the notice: its items, the 小范（化名） one among them.
    await follow(page, `/p/disclosures/${notice.id}`, () => link.tap(), 200);
    await expect(page.getByRole('heading', { name: '小范（化名）' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { name: '老王（化名）' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('.total .amount').textContent()).resolves.toBe('¥4,800.50');
    await check(page, problems, 'notice');

    // The form, sent with only spaces: refused, the notice again with the message and what was typed.
    await page.selectOption('#caseNo', fanCaseNo);
    await page.fill('#content', '   ');
    await page.fill('#contactName', '李女士');
    const posted = `/p/disclosures/${notice.id}/objections#objection`;
    await follow(page, posted, () => page.getByRole('button', { name: '提交异议' }).tap(), 400);
    await expect(page.locator('#content-error').isVisible()).resolves.toBe(true);
    await expect(page.inputValue('#contactName')).resolves.toBe('李女士');
    await expect(page.inputValue('#caseNo')).resolves.toBe(fanCaseNo);
    await check(page, problems, 'notice-refused', 400);

    // Then with what the resident has to say: the tracking code.
    const content = '据我所知，小范家今年已领过一次同类救助。\n请核实。';
    await page.fill('#content', content);
    await follow(page, posted, () => page.getByRole('button', { name: '提交异议' }).tap(), 201);
    await expect(page.getByRole('heading', { name: '异议已收到' }).isVisible()).resolves.toBe(true);
    const code = (await page.locator('p.code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await check(page, problems, 'objection-received', 201);

    // Later, the status page by its code: 待处理.
    const status = await page.goto(`${base}/p/objections/${code}`);
    expect(status?.status()).toBe(200);
    expect(status?.headers()['content-security-policy']).toBe(PAGE_CSP);
    await expect(page.getByText('待处理').isVisible()).resolves.toBe(true);
    await expect(page.getByText(code).isVisible()).resolves.toBe(true);
    await check(page, problems, 'objection-status');
    await context.close();

    // The supervisors have it, as the resident wrote it.
    const list = await t.http.get(`${soc.url}/objections`).set(soc.supervisor.auth).expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      disclosureId: notice.id,
      caseNo: fanCaseNo,
      content: content.replace(/\n/g, '\r\n'), // as a browser submits a textarea's line breaks
      contactName: '李**',
      contactPhone: null,
      status: 'open',
    });
  });

  it('saved a screenshot of every page', () => {
    expect(shots.map((p) => p.split('/').pop())).toEqual([
      'real-board.png',
      'real-notice.png',
      'real-notice-refused.png',
      'real-objection-received.png',
      'real-objection-status.png',
    ]);
    for (const shot of shots) expect(statSync(shot).size).toBeGreaterThan(10_000);
  });
});
