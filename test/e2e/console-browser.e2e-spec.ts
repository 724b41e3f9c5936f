import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import type { Page } from 'playwright-core';
import { launchBrowser, phoneContext, PHONE, screenshot, watchConsole } from '../support/browser';
import { TEST_PASSWORD } from '../support/test-password';
import { openVote } from '../support/vote-fixtures';
import { paidCase } from '../support/disclosure-fixtures';
import { lead } from '../support/lead-fixtures';
import { withTestApp } from '../support/test-app';
import { buildConsoleInto } from '../support/console';

/**
 * The real console, built by Vite (scripts/build-console.mjs, in a child Node: Vite is ES modules,
 * which Jest's CommonJS runtime cannot load) into a temporary folder and served by the real app, in
 * Chromium on a 360 px phone: a board member signs in, picks one of their two societies and sees the
 * vote waiting for their ballot. Screenshots: test-output/screenshots/console-*.png.
 */
describe('The console on a phone (Chromium, 360 px)', () => {
  const dist = join(mkdtempSync(join(tmpdir(), 'huzhu-console-build-')), 'dist');
  const t = withTestApp({}, { consoleDir: dist });
  let browser: Browser;
  let base: string;
  let buildMs: number;

  beforeAll(async () => {
    buildMs = await buildConsoleInto(dist);
    await t.app.listen(0, '127.0.0.1');
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(join(dist, '..'), { recursive: true, force: true });
  });

  it('builds small: the initial JavaScript and CSS well under 250 KiB gzipped; other screens load later', () => {
    const gz = (f: string) => gzipSync(readFileSync(join(dist, 'assets', f))).length;
    // What the first screen loads: the files index.html names (script, stylesheet, module preloads).
    const index = readFileSync(join(dist, 'index.html'), 'utf8');
    const initial = [...index.matchAll(/\/app\/assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
    expect(initial.some((f) => f.endsWith('.js')) && initial.some((f) => f.endsWith('.css'))).toBe(true);
    const all = readdirSync(join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f));
    const initialBytes = initial.reduce((sum, f) => sum + gz(f), 0);
    const allBytes = all.reduce((sum, f) => sum + gz(f), 0);
    process.stdout.write(
      `console build ${buildMs} ms; initial JS+CSS ${(initialBytes / 1024).toFixed(1)} KiB gzipped ` +
        `(${initial.length} files); all ${all.length} files ${(allBytes / 1024).toFixed(1)} KiB\n`,
    );
    expect(initialBytes).toBeLessThan(250 * 1024);
    // The screens behind the first are chunks of their own, not in the initial load.
    expect(all.length).toBeGreaterThan(initial.length + 10);
  });

  it('names nothing from another site (the CDN copy of the Vant icon font is dropped at build)', () => {
    for (const f of readdirSync(join(dist, 'assets')).filter((name) => /\.(js|css)$/.test(name))) {
      const text = readFileSync(join(dist, 'assets', f), 'utf8');
      expect({ f, external: /url\((["']?)(https?:)?\/\//.test(text) || text.includes('alicdn') }).toEqual({
        f,
        external: false,
      });
    }
  });

  it('a board member signs in, picks the society and sees the vote waiting for their ballot', async () => {
    const soc = await t.fx.society({
      name: '青溪村救急难互助社',
      board: 3,
      displayNames: { board: '李理事' },
    });
    await t.fx.donation(soc, { amountFen: 2_000_000 });
    const c = await t.fx.case(soc);
    await openVote(t, soc, c.id, { amountFen: 380_050 });
    const other = await t.fx.society({ name: '杏花村救急难互助社', roles: ['secretary'] });
    await t.fx.member(other, ['board'], soc.board);

    const context = await phoneContext(browser);
    const page = await context.newPage();
    const problems = watchConsole(page);

    // Straight to a society's home without a session: the sign-in screen, keeping where we were going.
    await page.goto(`${base}/`);
    await page.waitForURL(`${base}/app/signin?next=%2F`);
    await page.getByText('互助社控制台').waitFor();
    await screenshot(page, 'console-signin');

    // A wrong password: the server's Chinese message, still on sign-in.
    await page.getByPlaceholder('请输入用户名').fill(soc.board.username);
    await page.getByPlaceholder('请输入密码').fill('not the password at all');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/[\u4e00-\u9fff]/);

    await page.getByPlaceholder('请输入密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/app/societies`);
    await page.getByText('杏花村救急难互助社').waitFor();
    await page.getByText('青溪村救急难互助社').waitFor();
    await screenshot(page, 'console-societies');

    await page.getByText('青溪村救急难互助社').click();
    await page.waitForURL(`${base}/app/s/${soc.id}`);
    const ballots = page.locator('[data-test="tasks-ballot"]');
    await ballots.getByText(c.caseNo).waitFor();
    expect(await ballots.textContent()).toContain('¥3,800.50');
    expect(await ballots.textContent()).toContain('待投票');
    await page.getByText('待我投票（1）').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );
    await screenshot(page, 'console-home');

    // The token is in sessionStorage; a 401 later (here: a token the server refuses) → sign-in, route kept.
    const stored = await page.evaluate<string | null>("sessionStorage.getItem('huzhu.session')");
    const session = JSON.parse(stored ?? '{}') as { token: string; expiresAt: number };
    expect(session.expiresAt).toBeGreaterThan(Date.now());
    const refused = JSON.stringify({ ...session, token: `${session.token}x` });
    await page.evaluate(`sessionStorage.setItem('huzhu.session', ${JSON.stringify(refused)})`);
    await page.reload();
    await page.waitForURL(`${base}/app/signin?next=${encodeURIComponent(`/s/${soc.id}`)}`);
    await page.getByPlaceholder('请输入用户名').fill(soc.board.username);
    await page.getByPlaceholder('请输入密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/app/s/${soc.id}`);
    await ballots.getByText(c.caseNo).waitFor();

    // Nothing went wrong in the page beyond the 401s asked for (Chromium notes each failed load).
    expect(problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
    await context.close();
  });
  /** Signs in on a fresh phone page as `username` and opens `/app/<to>`. */
  async function signedIn(username: string, to: string): Promise<{ page: Page; problems: string[] }> {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${base}/app/signin?next=${encodeURIComponent(to)}`);
    await page.getByPlaceholder('请输入用户名').fill(username);
    await page.getByPlaceholder('请输入密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/app${to}`);
    return { page, problems };
  }

  it("the home screen by role: the treasurer's case to pay, the secretary's overdue notice in red", async () => {
    const soc = await t.fx.society({ name: '白沙村救急难互助社', board: 3 });
    // Paid 15 days ago: the notice was due within 10 days, so it is 5 days overdue now.
    const past = new Date(Date.now() - 15 * 86_400_000);
    t.clock.set(past);
    await t.fx.donation(soc, { amountFen: 2_000_000, receivedAt: past.toISOString().slice(0, 10) });
    const late = await paidCase(t, soc, { amountFen: 100_000 });
    t.clock.reset();
    const toPay = await t.fx.approvedCase(soc, { amountFen: 250_000 });
    const draft = await t.fx.case(soc, { requestedAmountFen: 50_000 });
    // A second society of the secretary's, with nothing waiting: the society list shows both.
    const quiet = await t.fx.society({ name: '东湖社区救急难互助社', roles: ['collector'] });
    await t.fx.member(quiet, ['supervisor'], soc.secretary);

    // The treasurer: one approved case to pay, due tomorrow, one tap from the payment screen.
    const cashier = await signedIn(soc.treasurer.username, `/s/${soc.id}`);
    const payments = cashier.page.locator('[data-test="tasks-payment"]');
    await payments.getByText(toPay.caseNo).waitFor();
    expect(await payments.textContent()).toContain('待付款 ¥2,500.00');
    expect(await payments.textContent()).toContain('还剩 1 天');
    expect(await cashier.page.locator('[data-test="tasks-disclosure"]').count()).toBe(0);
    expect(await cashier.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );
    await screenshot(cashier.page, 'console-tasks-home-treasurer');
    await payments.getByText(toPay.caseNo).click();
    await cashier.page.waitForURL(`${base}/app/s/${soc.id}/cases/${toPay.id}/pay`);
    expect(cashier.problems).toEqual([]);
    await cashier.page.context().close();

    // The secretary: the paid case to publicise, "已逾期 5 天" in red, and their own draft.
    const secretary = await signedIn(soc.secretary.username, `/s/${soc.id}`);
    const notices = secretary.page.locator('[data-test="tasks-disclosure"]');
    await notices.getByText(late.caseNo).waitFor();
    const overdue = notices.locator('.late');
    expect(await overdue.textContent()).toBe('已逾期 5 天');
    const red = `getComputedStyle(document.querySelector('[data-test="tasks-disclosure"] .late')).color`;
    expect(await secretary.page.evaluate<string>(red)).toBe('rgb(200, 30, 30)');
    expect(await secretary.page.locator('[data-test="overdue-count"]').textContent()).toContain('1 项已逾期');
    await secretary.page.locator('[data-test="tasks-draft"]').getByText(draft.caseNo).waitFor();
    expect(await secretary.page.locator('[data-test="tasks-payment"]').count()).toBe(0);
    expect(await secretary.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );
    await screenshot(secretary.page, 'console-tasks-home-secretary');

    // The society list counts the tasks, in red when one is overdue.
    await secretary.page.goto(`${base}/app/societies`);
    const row = secretary.page.locator(`[data-test="society-${soc.id}"]`);
    await row.getByText('2 项待办').waitFor();
    await screenshot(secretary.page, 'console-tasks-societies');

    await secretary.page.goto(`${base}/app/s/${soc.id}`);
    await notices.getByText(late.caseNo).click();
    await secretary.page.waitForURL(`${base}/app/s/${soc.id}/disclosures/new?cases=${late.id}`);
    expect(secretary.problems).toEqual([]);
    await secretary.page.context().close();
  });
  it('the collector: a new lead one tap from home, turned into a draft case after the visit', async () => {
    const soc = await t.fx.society({ name: '红旗村救急难互助社' });
    const leadId = await lead(t, soc, {
      subject: { name: '范某某' },
      indicators: [{ code: 'MEDICAL_OOP_HIGH', label: '医疗费用自付比例高', value: '自付 52000 元' }],
    });
    const { page, problems } = await signedIn(soc.collector.username, `/s/${soc.id}`);
    const leads = page.locator('[data-test="tasks-lead"]');
    await leads.getByText('监测预警 范**').waitFor();
    await screenshot(page, 'console-tasks-home-collector');
    await leads.getByText('监测预警 范**').click();
    await page.waitForURL(`${base}/app/s/${soc.id}/leads/${leadId}`);
    await page.locator('[data-test="lead-indicators"]').getByText('自付 52000 元').waitFor();
    // No ID number came with this lead: the visit gives it (checked as typed), with the amount.
    await page.getByPlaceholder('入户核实的身份证号码').fill('11010519491231002');
    await page.getByText('还差 1 位').waitFor();
    await page.getByPlaceholder('入户核实的身份证号码').fill('11010519491231002X');
    await page.getByPlaceholder('0.00').fill('1500');
    await page.getByText('人民币壹仟伍佰元整').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );
    await screenshot(page, 'console-lead');
    await page.locator('[data-test="lead-convert"]').click();
    await page.waitForURL(new RegExp(`/app/s/${soc.id}/cases/[0-9a-f-]{36}$`));
    const { rows } = await t.db.query<{ status: string; case_id: string }>(
      `SELECT status, case_id FROM leads WHERE id = $1`,
      [leadId],
    );
    expect(rows[0].status).toBe('converted');
    expect(page.url()).toContain(rows[0].case_id);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
