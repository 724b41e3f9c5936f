import type { Page } from 'playwright-core';
import { PHONE, screenshot } from '../support/browser';
import { withConsole } from '../support/console';
import { paidCase } from '../support/disclosure-fixtures';
import { testIdNumber } from '../support/fixtures';
import { openVote } from '../support/vote-fixtures';
import { TEST_PASSWORD } from '../support/test-password';

/** A real 2×2 PNG (the server types documents by their content). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

/** Waits for Vant's transitions (a sheet closing, a dialog fading in) to end, for a true screenshot. */
async function settled(page: Page): Promise<void> {
  // Polled with evaluate (the console's CSP refuses waitForFunction's eval of a function string).
  for (let i = 0; i < 50; i++) {
    const running = await page.evaluate<number>(
      "document.getAnimations().filter((a) => a.playState === 'running').length",
    );
    if (!running) return;
    await page.waitForTimeout(50);
  }
}

async function noSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
    PHONE.width,
  );
}

/**
 * The cases screens on a phone (issue 11): a collector files a case after a home visit, with a photo,
 * the ID number checked as typed, 大写 shown, the server's message beside the field it is about, and a
 * session that expires mid-form keeping everything typed; the detail shows the duplicate-aid warning
 * and the photo; the secretary reveals the full data after the audit warning; the list filters.
 * Screenshots: test-output/screenshots/console-cases-*.png.
 */
describe('The cases screens on a phone (Chromium, 360 px)', () => {
  const c = withConsole();
  const t = c.t;

  it('a collector files a case with a photo; the secretary reads it, reveals it and filters the list', async () => {
    const soc = await t.fx.society({
      board: 3,
      displayNames: { collector: '周信息员', secretary: '王秘书长' },
    });
    await t.fx.donation(soc, { amountFen: 2_000_000 });
    const idNumber = testIdNumber('19620315', 41);
    // Helped once already this year: the new case must warn the board.
    const earlier = await paidCase(t, soc, { amountFen: 100_000, applicant: { idNumber, name: '范某某' } });
    const approved = await t.fx.approvedCase(soc, { amountFen: 200_000, pseudonym: '小吴' });
    const draft = await t.fx.case(soc, { pseudonym: '小郑' });

    // The collector: their list (only their own drafts: none yet), then the form.
    const { page, problems } = await c.signedIn(soc.collector.username, `/s/${soc.id}/cases`);
    await page.waitForURL(`${c.base()}/app/s/${soc.id}/cases`);
    await page.getByText('还没有案件').waitFor();
    await settled(page);
    await screenshot(page, 'console-cases-list-collector');
    await page.locator('[data-test="new-case"]').click();
    await page.waitForURL(`${c.base()}/app/s/${soc.id}/cases/new`);

    await page.getByLabel('姓名').fill('范某某');
    // The ID number as it is typed: how many digits are left, then a wrong check digit, then fine.
    const id = page.locator('[data-test="id-number"] input');
    const idError = page.locator('[data-test="id-number"] .van-field__error-message');
    await id.fill(idNumber.slice(0, 10));
    expect(await idError.textContent()).toContain('还差 8 位');
    const wrongCheck = idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1');
    await id.fill(wrongCheck);
    expect(await idError.textContent()).toContain('校验码不符');
    await id.fill(idNumber);
    await idError.waitFor({ state: 'detached' });

    await page.getByLabel('电话').fill('12345');
    await page.getByLabel('住址').fill('池州市贵池区月亮湖社区 3 栋');
    await page.getByLabel('家庭人口').fill('4');
    await page.locator('[data-test="category"]').click();
    await page.locator('.van-action-sheet__item', { hasText: '因病' }).click();
    await page.locator('[data-test="source"]').click();
    await page.locator('.van-action-sheet__item', { hasText: '入户走访' }).click();
    await page.getByLabel('情况说明').fill('突发脑溢血住院，自付部分无力承担');
    await page.getByLabel('申请金额').fill('3800.5');
    expect(await page.locator('[data-test="requestedAmountFen-capitals"]').textContent()).toBe(
      '人民币叁仟捌佰元伍角整',
    );
    await page.locator('[data-test="take-photo"] input').setInputFiles({
      name: 'visit.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await page.locator('[data-test="photo-0"] img').waitFor();
    await noSidewaysScroll(page);
    await settled(page);
    await screenshot(page, 'console-cases-new');

    // The server refuses the phone number: its message beside the phone field; nothing was filed.
    await page.locator('[data-test="submit"]').click();
    const phoneField = page.locator('.van-field', { has: page.getByLabel('电话') });
    await phoneField.getByText('必须是有效的手机或固定电话号码').waitFor();
    await page.getByRole('alert').getByText('有内容需要修改').waitFor();
    await settled(page);
    await screenshot(page, 'console-cases-new-server-error');
    await page.getByLabel('电话').fill('13800138000');
    expect(await phoneField.locator('.van-field__error-message').count()).toBe(0);

    // The session expires mid-form (a token the server refuses): sign-in, then the same form, filled.
    const stored = await page.evaluate<string>("sessionStorage.getItem('huzhu.session')");
    const session = JSON.parse(stored) as { token: string };
    const refused = JSON.stringify({ ...session, token: `${session.token}x` });
    await page.evaluate(`sessionStorage.setItem('huzhu.session', ${JSON.stringify(refused)})`);
    await page.locator('[data-test="submit"]').click();
    await page.waitForURL((url) => url.pathname.endsWith('/signin'));
    await page.getByPlaceholder('请输入用户名').fill(soc.collector.username);
    await page.getByPlaceholder('请输入密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${c.base()}/app/s/${soc.id}/cases/new`);
    expect(await page.getByLabel('姓名').inputValue()).toBe('范某某');
    expect(await id.inputValue()).toBe(idNumber);
    expect(await page.getByLabel('电话').inputValue()).toBe('13800138000');
    expect(await page.getByLabel('申请金额').inputValue()).toBe('3800.5');
    expect(await page.locator('[data-test="category"] input').inputValue()).toBe('因病');
    await page.locator('[data-test="photo-0"] img').waitFor();

    // A second "photo" that is no image at all: the case is filed, the good photo uploaded, the bad one
    // refused with the server's message and kept for a retry; removed, the form goes on to the case.
    await page.locator('[data-test="pick-photo"] input').setInputFiles({
      name: 'not-a-photo.png',
      mimeType: 'image/png',
      buffer: Buffer.from('这不是照片'),
    });
    await page.locator('[data-test="photo-1"] select').selectOption('bill');
    await page.locator('[data-test="submit"]').click();
    await page.locator('[data-test="photo-1"] .photo-error').waitFor();
    await page.locator('[data-test="photo-0"]').getByText('已上传').waitFor();
    await page.locator('[data-test="filed-note"]').waitFor();
    expect(await page.locator('[data-test="submit"]').textContent()).toContain('重试上传照片');
    await noSidewaysScroll(page);
    await settled(page);
    await screenshot(page, 'console-cases-new-upload-failed');
    await page.getByRole('button', { name: '删除照片 2' }).click();
    expect(await page.locator('[data-test="submit"]').textContent()).toContain('完成，查看案件');
    await page.locator('[data-test="submit"]').click();
    await page.waitForURL(/\/app\/s\/[^/]+\/cases\/[0-9a-f-]{36}$/);
    const caseId = page.url().split('/').pop() as string;
    const head = page.locator('[data-test="case-head"]');
    await head.getByText('草稿').waitFor();
    expect(await head.textContent()).toContain('¥3,800.50');
    expect(await page.locator('[data-test="amount-capitals"]').textContent()).toBe('人民币叁仟捌佰元伍角整');
    expect(await page.locator('[data-test="warnings"]').textContent()).toContain(
      '今年已在本互助社获得过救助',
    );
    await page.locator('[data-test="document-0"]').getByText('走访照片').waitFor();
    expect(await page.locator('[data-test="applicant"]').textContent()).not.toContain(idNumber);
    expect(await page.locator('[data-test="timeline"]').textContent()).toContain('周信息员');
    // A collector may not see the full data, nor open the vote.
    expect(await page.locator('[data-test="reveal"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: '提交表决' }).count()).toBe(0);
    await noSidewaysScroll(page);
    await settled(page);
    await screenshot(page, 'console-cases-detail-collector');
    // Nothing went wrong beyond the 400 and the 401s asked for.
    expect(problems.filter((p) => !/status of 4(00|01|15)/.test(p))).toEqual([]);

    // The secretary: the same case, its photo, and the full data after the audit warning.
    const sec = await c.signedIn(soc.secretary.username, `/s/${soc.id}/cases/${caseId}`);
    const p2 = sec.page;
    await p2.locator('[data-test="warnings"]').waitFor();
    await p2.getByRole('button', { name: '提交表决' }).waitFor();
    const [file] = await Promise.all([
      p2.waitForEvent('download'),
      p2.locator('[data-test="document-0"]').click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/走访照片-1\.png$/);
    // A document added later, as a PDF of another kind.
    await p2.locator('[data-test="add-kind"]').selectOption('bill');
    await p2.locator('[data-test="add-document"] input').setInputFiles({
      name: '发票.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await p2.locator('[data-test="document-1"]').getByText('住院发票').waitFor();
    await p2.locator('[data-test="reveal"]').click();
    const dialog = p2.getByRole('dialog');
    await dialog.getByText('审计日志').waitFor();
    await settled(p2);
    await screenshot(p2, 'console-cases-reveal-dialog');
    await dialog.getByRole('button', { name: '确认查看' }).click();
    const revealed = p2.locator('[data-test="revealed"]');
    await revealed.getByText(idNumber).waitFor();
    expect(await revealed.textContent()).toContain('13800138000');
    await p2.locator('[data-test="timeline"]').getByText('查看完整个人信息').waitFor();
    expect(await p2.locator('[data-test="timeline"]').textContent()).toContain('王秘书长');
    await noSidewaysScroll(p2);
    await settled(p2);
    await screenshot(p2, 'console-cases-detail-revealed');
    const audit = await t.http.get(`${soc.url}/audit`).set(soc.secretary.auth).expect(200);
    expect(JSON.stringify(audit.body)).toContain('revealed');

    // The list: ?status= preselects a chip; the chips and the search filter.
    await p2.goto(`${c.base()}/app/s/${soc.id}/cases?status=approved`);
    const list = p2.locator('[data-test="case-list"]');
    await list.getByText(approved.caseNo).waitFor();
    expect(await list.locator('.van-cell').count()).toBe(1);
    expect(await p2.locator('[data-test="status-approved"]').getAttribute('aria-selected')).toBe('true');
    await p2.locator('[data-test="status-all"]').click();
    await list.getByText(draft.caseNo).waitFor();
    expect(await list.locator('.van-cell').count()).toBe(4);
    await noSidewaysScroll(p2);
    await settled(p2);
    await screenshot(p2, 'console-cases-list');
    const rows = list.locator('.van-cell');
    await p2.locator('[data-test="status-paid"]').click();
    await rows.nth(1).waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(1);
    await list.getByText(earlier.caseNo).waitFor();
    expect(p2.url()).toContain('?status=paid');
    await p2.locator('[data-test="status-all"]').click();
    await rows.nth(3).waitFor();
    await p2.getByRole('searchbox').fill('小郑');
    await p2.getByRole('searchbox').press('Enter');
    await rows.nth(1).waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(1);
    await list.getByText(draft.caseNo).waitFor();
    expect(p2.url()).toContain(`?q=${encodeURIComponent('小郑')}`);
    expect(sec.problems).toEqual([]);
  });

  it('offers the next step by status and role, and a draft is withdrawn with a reason', async () => {
    const soc = await t.fx.society({ board: 3 });
    await t.fx.donation(soc, { amountFen: 2_000_000 });
    const approved = await t.fx.approvedCase(soc, { amountFen: 100_000 });
    const paid = await paidCase(t, soc, { amountFen: 100_000 });
    const voting = await t.fx.case(soc);
    const vote = await openVote(t, soc, voting.id, { amountFen: 100_000 });
    const draft = await t.fx.case(soc, { pseudonym: '小郑' });
    const at = (id: string) => `${c.base()}/app/s/${soc.id}/cases/${id}`;

    // The cashier: pay an approved case.
    const cashier = await c.signedIn(soc.treasurer.username, `/s/${soc.id}/cases/${approved.id}`);
    await cashier.page.getByRole('button', { name: '付款' }).click();
    await cashier.page.waitForURL(`${at(approved.id)}/pay`);
    expect(cashier.problems).toEqual([]);

    // The secretary: publish a paid case, look at the vote on a case under vote, withdraw a draft.
    const { page, problems } = await c.signedIn(soc.secretary.username, `/s/${soc.id}/cases/${paid.id}`);
    expect(await page.getByRole('button', { name: '付款' }).count()).toBe(0);
    await page.getByRole('button', { name: '发布公示' }).click();
    await page.waitForURL(`${c.base()}/app/s/${soc.id}/disclosures/new?cases=${paid.id}`);
    await page.goto(at(voting.id));
    await page.getByRole('button', { name: '查看表决' }).click();
    await page.waitForURL(`${c.base()}/app/s/${soc.id}/votes/${vote.id}?case=${voting.id}`);

    await page.goto(at(draft.id));
    await page.getByRole('button', { name: '撤回案件' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.getByText('请填写原因').waitFor();
    await dialog.getByPlaceholder('请写明原因').fill('申请人已获医保报销');
    await settled(page);
    await screenshot(page, 'console-cases-withdraw-dialog');
    await dialog.getByRole('button', { name: '确定' }).click();
    await page.locator('[data-test="status"]').getByText('已撤回').waitFor();
    await page.locator('[data-test="timeline"]').getByText('撤回案件').waitFor();
    expect(await page.getByRole('button', { name: '撤回案件' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '提交表决' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
