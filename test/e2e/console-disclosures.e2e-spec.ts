import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { PHONE, screenshot } from '../support/browser';
import { withConsole } from '../support/console';
import { objection, paidCase, publish } from '../support/disclosure-fixtures';
import { TEST_PASSWORD } from '../support/test-password';
import type { TestSociety } from '../support/fixtures';

const DAY = 24 * 3600 * 1000;

/**
 * The QR code in a screenshot (PNG), as a phone camera would read it: the page turns the PNG into
 * pixels (a canvas), jsQR reads them here.
 */
async function readQr(page: Page, png: Buffer): Promise<string | null> {
  const pixels = (await page.evaluate(
    `(async () => {
      const img = new Image();
      img.src = 'data:image/png;base64,${png.toString('base64')}';
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const g = canvas.getContext('2d');
      g.drawImage(img, 0, 0);
      const { data } = g.getImageData(0, 0, canvas.width, canvas.height);
      let binary = '';
      for (let i = 0; i < data.length; i += 8192) binary += String.fromCharCode(...data.subarray(i, i + 8192));
      return { width: canvas.width, height: canvas.height, rgba: btoa(binary) };
    })()`,
  )) as { width: number; height: number; rgba: string };
  const rgba = new Uint8ClampedArray(Buffer.from(pixels.rgba, 'base64'));
  return jsQR(rgba, pixels.width, pixels.height)?.data ?? null;
}

/**
 * The disclosure part of the console on a 360 px phone (issue 11): the secretary sees what waits for a
 * notice (an overdue case in red), publishes, opens the notice with its PDF and QR code; residents
 * object; the supervisor dismisses one objection and upholds another; the treasurer records the
 * recovery. Screenshots: test-output/screenshots/console-disclosures-*.png.
 */
describe('The console: disclosures, objections, recovery (Chromium, 360 px)', () => {
  const h = withConsole();
  const t = h.t;

  afterEach(() => t.clock.reset());

  async function fits(page: Page): Promise<void> {
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );
  }

  it('walks a notice from publication to a recovery', async () => {
    const soc: TestSociety = await t.fx.society({
      name: '月亮湖社区救急难互助社',
      board: 3,
      settings: { disclosureDeadlineDays: 10 },
    });
    await t.fx.donation(soc, { amountFen: 2_000_000 });
    const now = Date.now();
    t.clock.set(new Date(now - 15 * DAY));
    const late = await paidCase(t, soc, { amountFen: 100_000, pseudonym: '小范' });
    t.clock.set(new Date(now - DAY));
    const fresh = await paidCase(t, soc, { amountFen: 80_000, pseudonym: '小李' });
    t.clock.reset();

    // The secretary: both paid cases wait; the one paid 15 days ago is 5 days late, in red.
    const sec = await h.signedIn(soc.secretary.username, `/s/${soc.id}/disclosures`);
    const page = sec.page;
    await page.waitForURL(`${h.base()}/app/s/${soc.id}/disclosures`);
    const lateRow = page.locator(`[data-test="awaiting-${late.caseNo}"]`);
    const freshRow = page.locator(`[data-test="awaiting-${fresh.caseNo}"]`);
    await lateRow.waitFor();
    expect(await lateRow.textContent()).toContain('小范（化名）');
    expect(await lateRow.textContent()).toContain('¥1,000.00');
    const lateDeadline = lateRow.locator('[data-test="deadline"]');
    expect(await lateDeadline.textContent()).toMatch(/已逾期 5 天/);
    expect(await lateDeadline.getAttribute('class')).toContain('overdue');
    expect(
      await page.evaluate(
        `getComputedStyle(document.querySelector('[data-test="awaiting-${late.caseNo}"] [data-test="deadline"]')).color`,
      ),
    ).toBe('rgb(200, 30, 30)');
    expect(await freshRow.locator('[data-test="deadline"]').textContent()).toMatch(/还剩 9 天/);
    expect(await page.locator('[data-test="overdue-summary"]').textContent()).toContain('1 件已超过公示期限');
    await fits(page);
    await screenshot(page, 'console-disclosures-list');

    // Choose both, publish: the public display, the total in figures and 大写.
    await lateRow.click();
    await freshRow.click();
    await page.locator('[data-test="publish"]').click();
    await page.waitForURL(/\/disclosures\/new\?cases=/);
    const items = page.locator('[data-test="items"]');
    await items.getByText('小范（化名）').waitFor();
    await items.getByText('小李（化名）').waitFor();
    expect(await page.locator('[data-test="total"]').textContent()).toContain('¥1,800.00');
    expect(await page.locator('[data-test="total-capitals"]').textContent()).toBe('人民币壹仟捌佰元整');
    await page.getByPlaceholder(/如有异议/).fill('如有异议，请在公示期内向本社监事会反映。');
    await fits(page);
    await screenshot(page, 'console-disclosures-publish');
    await page.locator('[data-test="confirm-publish"]').click();

    // The notice: number, period, items, check code; its PDF, the residents' page and its QR code.
    await page.waitForURL(/\/disclosures\/[0-9a-f-]{36}$/);
    const did = page.url().split('/').pop()!;
    const notice = (await t.http.get(`${soc.url}/disclosures/${did}`).set(soc.secretary.auth).expect(200))
      .body as {
      noticeNo: string;
      checkCode: string;
      periodFrom: string;
      periodTo: string;
    };
    await page.getByText(`救急难救助公示 第 ${notice.noticeNo} 号`).waitFor();
    expect(await page.locator('[data-test="status"]').textContent()).toContain('公示中');
    expect(await page.locator('[data-test="period"]').textContent()).toContain(
      `${notice.periodFrom} 至 ${notice.periodTo}`,
    );
    expect(await page.locator('[data-test="check-code"]').textContent()).toContain(notice.checkCode);
    expect(await page.locator('[data-test="total"]').textContent()).toBe('¥1,800.00');
    const qr = page.locator('[data-test="qr"]');
    await qr.waitFor();
    const code = await readQr(page, await qr.screenshot());
    expect(code).toBe(`${h.base()}/p/disclosures/${did}`);
    expect(await page.locator('[data-test="residents"]').getAttribute('href')).toBe(
      `${h.base()}/p/disclosures/${did}`,
    );
    const pdfHref = await page.locator('[data-test="pdf"]').getAttribute('href');
    expect(await page.locator('[data-test="pdf"]').getAttribute('target')).toBe('_blank');
    const pdf = await sec.context.request.get(`${h.base()}${pdfHref}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toMatch(/^application\/pdf/);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await fits(page);
    await screenshot(page, 'console-disclosures-notice');

    // Residents object to each case; while they are open the secretary cannot withdraw the notice.
    const first = await objection(t, did, {
      content: '据我所知，该户今年已获得过同类救助。',
      caseNo: fresh.caseNo,
    });
    const second = await objection(t, did, {
      content: '该户家中有两套房产，并不困难。',
      caseNo: late.caseNo,
      contactName: '李女士',
      contactPhone: '13800138000',
    });
    await page.reload();
    await page.locator('[data-test="withdraw"]').click();
    await page.getByPlaceholder(/公示信息有误/).fill('公示信息有误');
    await page.locator('[data-test="confirm-withdraw"]').click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/请先请监事处理完本公示的异议/);
    await fits(page);
    await screenshot(page, 'console-disclosures-withdraw-refused');
    expect(sec.problems.filter((p) => !/status of 409/.test(p))).toEqual([]);
    await sec.context.close();

    // The supervisor: both objections open; dismisses the first.
    const sup = await h.signedIn(soc.supervisor.username, `/s/${soc.id}/objections`);
    await sup.page.waitForURL(`${h.base()}/app/s/${soc.id}/objections`);
    const list = sup.page.locator('[data-test="objections"]');
    await list.locator(`[data-test="objection-${first.id}"]`).waitFor();
    await list.locator(`[data-test="objection-${second.id}"]`).waitFor();
    expect(await list.textContent()).toContain('待处理');
    await fits(sup.page);
    await screenshot(sup.page, 'console-objections-list');

    await list.locator(`[data-test="objection-${first.id}"]`).click();
    await sup.page.waitForURL(`${h.base()}/app/s/${soc.id}/objections/${first.id}`);
    await sup.page.locator('[data-test="content"]').getByText('同类救助').waitFor();
    await sup.page.locator('[data-test="dismiss"]').click();
    await sup.page.getByPlaceholder(/异议不成立/).fill('经核查，该户今年未获同类救助，异议不成立。');
    await fits(sup.page);
    await screenshot(sup.page, 'console-objection-open');
    await sup.page.locator('[data-test="resolve"]').click();
    await sup.page.locator('[data-test="resolution"]').waitFor();
    expect(await sup.page.locator('[data-test="status"]').textContent()).toContain('不成立');

    // …and upholds the second: its case goes into dispute, with what follows on the same screen.
    await sup.page.goto(`${h.base()}/app/s/${soc.id}/objections/${second.id}`);
    await sup.page.locator('[data-test="content"]').getByText('两套房产').waitFor();
    expect(await sup.page.textContent('body')).toContain('138****8000');
    await sup.page.locator('[data-test="uphold"]').click();
    await sup.page.getByPlaceholder(/异议不成立/).fill('经核查，异议属实，追回救助款。');
    await sup.page.locator('[data-test="resolve"]').click();
    const followUp = sup.page.locator('[data-test="follow-up"]');
    await followUp.waitFor();
    expect(await followUp.textContent()).toContain('异议成立');
    expect(await followUp.textContent()).toContain('已付 ¥1,000.00');
    await sup.page.locator('[data-test="clear"]').waitFor();
    await fits(sup.page);
    await screenshot(sup.page, 'console-objection-upheld');
    expect(sup.problems).toEqual([]);
    await sup.context.close();

    // The treasurer records the recovery of the whole payment into cash; once, whatever the taps.
    const tre = await h.signedIn(soc.treasurer.username, `/s/${soc.id}/cases/${late.id}/recovery`);
    await tre.page.waitForURL(`${h.base()}/app/s/${soc.id}/cases/${late.id}/recovery`);
    await tre.page.locator('[data-test="case"]').getByText('异议成立').waitFor();
    expect(await tre.page.locator('input[name="amountFen"]').inputValue()).toBe('1000.00');
    expect(await tre.page.locator('[data-test="amountFen-capitals"]').textContent()).toBe('人民币壹仟元整');
    // More than was paid is refused before it is sent.
    await tre.page.locator('input[name="amountFen"]').fill('1200');
    expect(await tre.page.textContent('body')).toContain('不能超过已付金额 ¥1,000.00');
    await tre.page.locator('input[name="amountFen"]').fill('1000');
    await tre.page.locator('[data-test="to-cash"]').click();
    await tre.page.getByPlaceholder(/网银流水/).fill('现金退回 收据 0007');
    await fits(tre.page);
    await screenshot(tre.page, 'console-recovery');
    // A Vant transition sometimes leaves <html> on top of the button for a moment: a click that cannot
    // land in 5 s is dispatched to the button itself — unless the first one went through (the page
    // moved on; the old double click then waited 30 s for a button that had left the page).
    const button = tre.page.locator('[data-test="recover"]');
    await button.click({ timeout: 5_000 }).catch(async () => {
      if (tre.page.url().endsWith('/recovery')) await button.dispatchEvent('click');
    });
    await tre.page.waitForURL(`${h.base()}/app/s/${soc.id}/cases/${late.id}`);
    expect(tre.problems).toEqual([]);
    await tre.context.close();

    const after = (await t.http.get(`${soc.url}/cases/${late.id}`).set(soc.treasurer.auth).expect(200))
      .body as {
      status: string;
    };
    expect(after.status).toBe('recovered');
    const entries = (await t.http.get(`${soc.url}/fund/entries`).set(soc.treasurer.auth).expect(200))
      .body as {
      items: { kind: string; memo: string; lines: { account: string; debitFen: number }[] }[];
    };
    const recoveries = entries.items.filter((e) => e.kind === 'recovery');
    expect(recoveries).toHaveLength(1);
    expect(recoveries[0].lines).toContainEqual(
      expect.objectContaining({ account: 'cash', debitFen: 100_000 }),
    );
  }, 180_000);

  it('upholds an objection to a whole notice against the case chosen, keeps the answer across an expired session, and clears the dispute', async () => {
    const soc: TestSociety = await t.fx.society({ name: '杏花村救急难互助社', board: 3 });
    await t.fx.donation(soc, { amountFen: 2_000_000 });
    const one = await paidCase(t, soc, { amountFen: 60_000, pseudonym: '小周' });
    const two = await paidCase(t, soc, { amountFen: 90_000, pseudonym: '小吴' });
    const notice = await publish(t, soc, [one.id, two.id]);
    const o = await objection(t, notice.id, { content: '名单中有一户并不符合条件。' });

    const sup = await h.signedIn(soc.supervisor.username, `/s/${soc.id}/objections/${o.id}`);
    const page = sup.page;
    const here = `${h.base()}/app/s/${soc.id}/objections/${o.id}`;
    await page.waitForURL(here);
    await page.getByText('对整份公示的异议').waitFor();
    await page.locator('[data-test="uphold"]').click();
    const answer = '经核查，小吴一户今年已获同类救助，异议成立。';
    await page.getByPlaceholder(/异议不成立/).fill(answer);
    // Upheld against a whole notice: which case must be said first (the client's check, before sending).
    await page.locator('[data-test="resolve"]').click();
    await page.getByText('请选择异议成立的案件').waitFor();
    await page.getByText(`${two.caseNo} · 小吴（化名）`).click();

    // The session ends before the answer is sent: sign in again, and the answer is still there.
    const stored = await page.evaluate<string | null>("sessionStorage.getItem('huzhu.session')");
    const session = JSON.parse(stored ?? '{}') as { token: string };
    const refused = JSON.stringify({ ...session, token: `${session.token}x` });
    await page.evaluate(`sessionStorage.setItem('huzhu.session', ${JSON.stringify(refused)})`);
    await page.locator('[data-test="resolve"]').click();
    await page.waitForURL(/\/app\/signin\?next=/);
    await page.getByPlaceholder('请输入用户名').fill(soc.supervisor.username);
    await page.getByPlaceholder('请输入密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(here);
    await page.getByText('对整份公示的异议').waitFor();
    expect(await page.getByPlaceholder(/异议不成立/).inputValue()).toBe(answer);
    await page.locator('[data-test="resolve"]').click();

    const followUp = page.locator('[data-test="follow-up"]');
    await followUp.getByText(two.caseNo, { exact: false }).waitFor();
    expect(await followUp.textContent()).toContain('异议成立');
    await page.getByPlaceholder(/异议所述情况不实/).fill('经监事会复核，该户救助符合条件，澄清结案。');
    await fits(page);
    await screenshot(page, 'console-objection-whole-notice');
    await page.locator('[data-test="clear"]').click();
    await followUp.getByText('已结案').waitFor();
    await screenshot(page, 'console-objection-cleared');

    const cases = await Promise.all(
      [one.id, two.id].map(
        async (id) =>
          (
            (await t.http.get(`${soc.url}/cases/${id}`).set(soc.supervisor.auth).expect(200)).body as {
              status: string;
            }
          ).status,
      ),
    );
    expect(cases).toEqual(['publicized', 'closed']);
    expect(sup.problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
    await sup.context.close();
  }, 120_000);
});
