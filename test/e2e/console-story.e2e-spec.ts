import type { Page } from 'playwright-core';
import { PHONE, phoneContext, screenshot, watchConsole } from '../support/browser';
import { binaryBody } from '../support/binary-body';
import { withConsole } from '../support/console';
import { testIdNumber } from '../support/fixtures';
import { pdfText } from '../support/pdf-tools';

/** A real 2×2 PNG: the server types documents by their content. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

const BOARD = ['张建国', '王秀英', '李明', '刘芳', '陈志强', '杨丽', '赵伟', '黄静', '周涛'];

/**
 * The seed's story through the console alone (issue 11's first "done when"), four people on four
 * phones and a resident on a fifth: the collector files 小范's case after a home visit, with a photo;
 * the secretary opens a meeting vote and records six hands; the cashier pays; the secretary publishes
 * the notice and opens its PDF; a resident objects on the public page the QR code leads to; the
 * supervisor dismisses the objection. Nothing is set up through the API but the society, its people
 * and its money. A screenshot of every screen: test-output/screenshots/story-*.png.
 */
describe('The seed story, through the console on phones (Chromium, 360 px)', () => {
  const c = withConsole();
  const t = c.t;
  let shot = 0;

  /** The screen as it is once nothing moves, saved as story-NN-<name>.png, and no sideways scroll. */
  async function look(page: Page, name: string): Promise<void> {
    for (let i = 0; i < 60; i++) {
      const moving = await page.evaluate<boolean>(
        "document.getAnimations().some((a) => a.effect?.getComputedTiming().iterations !== Infinity && a.playState === 'running')",
      );
      if (!moving) break;
      await page.waitForTimeout(50);
    }
    expect({ name, width: await page.evaluate<number>('document.documentElement.scrollWidth') }).toEqual({
      name,
      width: PHONE.width,
    });
    await screenshot(page, `story-${String(++shot).padStart(2, '0')}-${name}`);
  }

  it('collector files → secretary votes six hands → cashier pays → notice → a resident objects → supervisor dismisses', async () => {
    const soc = await t.fx.society({
      name: '秋浦街道月亮湖社区救急难互助社',
      board: 0,
      displayNames: {
        secretary: '王秘书长',
        treasurer: '李出纳',
        supervisor: '陈监事',
        collector: '周信息员',
      },
    });
    const board = [];
    for (const displayName of BOARD) board.push(await t.fx.member(soc, ['board'], { displayName }));
    await t.fx.donation(soc, { amountFen: 2_000_000 });

    // 1. The collector, after the home visit: 案件 → 登记新案件, the form with a photo from the camera.
    const collector = await c.signedIn(soc.collector.username);
    let page = collector.page;
    await page.waitForURL(`${c.base()}/app/s/${soc.id}`);
    await look(page, 'collector-home');
    await page.locator('.van-tabbar-item', { hasText: '案件' }).click();
    await page.waitForURL(`${c.base()}/app/s/${soc.id}/cases`);
    await page.locator('[data-test="new-case"]').click();
    await page.waitForURL(`${c.base()}/app/s/${soc.id}/cases/new`);
    await page.getByLabel('姓名').fill('范某某');
    await page.locator('[data-test="id-number"] input').fill(testIdNumber('19800512', 23));
    await page.getByLabel('电话').fill('13800138000');
    await page.getByLabel('住址').fill('池州市贵池区秋浦街道月亮湖社区 5 栋');
    await page.getByLabel('家庭人口').fill('3');
    await page.locator('[data-test="category"]').click();
    await page.locator('.van-action-sheet__item', { hasText: '因病' }).click();
    await page.locator('[data-test="source"]').click();
    await page.locator('.van-action-sheet__item', { hasText: '入户走访' }).click();
    await page.getByLabel('情况说明').fill('妻子突发重病住院，自付医疗费用后家庭生活困难，入户走访核实。');
    await page.getByLabel('申请金额').fill('1000');
    expect(await page.locator('[data-test="requestedAmountFen-capitals"]').textContent()).toBe(
      '人民币壹仟元整',
    );
    await page.locator('[data-test="take-photo"] input').setInputFiles({
      name: 'visit.png',
      mimeType: 'image/png',
      buffer: PHOTO,
    });
    await page.locator('[data-test="photo-0"] img').waitFor();
    await look(page, 'collector-new-case');
    await page.locator('[data-test="submit"]').click();
    await page.waitForURL(/\/app\/s\/[^/]+\/cases\/[0-9a-f-]{36}$/);
    const caseId = page.url().split('/').pop()!;
    await page.locator('[data-test="case-head"]').getByText('草稿').waitFor();
    await page.locator('[data-test="document-0"]').getByText('走访照片').waitFor();
    await look(page, 'collector-case-filed');
    expect(collector.problems).toEqual([]);
    await collector.context.close();

    // 2. The secretary, the same evening: the case from the list, 提交表决, a meeting, six hands.
    const secretary = await c.signedIn(soc.secretary.username);
    page = secretary.page;
    await page.waitForURL(`${c.base()}/app/s/${soc.id}`);
    await page.locator('.van-tabbar-item', { hasText: '案件' }).click();
    const row = page.locator('[data-test="case-list"] .van-cell', { hasText: '小范' });
    await row.waitFor();
    await look(page, 'secretary-cases');
    await row.click();
    await page.waitForURL(`${c.base()}/app/s/${soc.id}/cases/${caseId}`);
    await page.getByRole('button', { name: '提交表决' }).waitFor();
    await look(page, 'secretary-case');
    await page.getByRole('button', { name: '提交表决' }).click();
    await page.waitForURL(`${c.base()}/app/s/${soc.id}/cases/${caseId}/vote`);
    await page
      .locator('[data-test="bylaws-sentence"]')
      .getByText('9 名理事中至少 6 人参加、参加者三分之二以上同意')
      .waitFor();
    await page.locator('[data-test="mode-meeting"]').click();
    await look(page, 'secretary-open-vote');
    await page.getByRole('button', { name: '发起表决' }).click();
    await page.waitForURL(/\/votes\/[0-9a-f-]{36}\?case=/);
    const tally = page.locator('[data-test="tally"]');
    for (let i = 0; i < 6; i++) {
      const member = page.locator(`[data-test="row-${board[i].id}"]`);
      await member.locator('[data-test="record-approve"]').click();
      await page
        .locator('.van-dialog')
        .filter({ visible: true })
        .getByRole('button', { name: '记录', exact: true })
        .click();
      await member.locator('[data-test="recorded"]').getByText('同意').waitFor();
      if (i === 2) await look(page, 'secretary-meeting');
    }
    await tally.locator('[data-test="outcome"]').getByText('已决定：通过').waitFor();
    await look(page, 'secretary-meeting-decided');
    expect(secretary.problems).toEqual([]);

    // 3. The cashier, next morning: 待付款 on the home screen, one tap, bank transfer with its reference.
    const cashier = await c.signedIn(soc.treasurer.username);
    const cp = cashier.page;
    await cp.waitForURL(`${c.base()}/app/s/${soc.id}`);
    const toPay = cp.locator('[data-test="tasks-payment"] [data-test="task"]', { hasText: '小范（化名）' });
    await toPay.waitFor();
    await look(cp, 'cashier-home');
    await toPay.click();
    await cp.waitForURL(`${c.base()}/app/s/${soc.id}/cases/${caseId}/pay`);
    await cp.locator('[data-test="account-bank"]').click();
    await cp.getByLabel('凭证号').fill('网银流水 20261130-0007');
    await look(cp, 'cashier-pay');
    await cp.locator('[data-test="pay"]').click();
    const confirm = cp.locator('.van-dialog').filter({ visible: true });
    await confirm.getByText('人民币壹仟元整').waitFor();
    await look(cp, 'cashier-confirm');
    await confirm.getByRole('button', { name: '确认付款' }).click();
    await cp.waitForURL(`${c.base()}/app/s/${soc.id}/cases/${caseId}`);
    await cp
      .locator('[data-test="case-head"]')
      .getByText(/已付款/)
      .waitFor();
    await look(cp, 'cashier-paid');
    expect(cashier.problems).toEqual([]);
    await cashier.context.close();

    // 4. The secretary: 待公示 on the home screen, publish, the notice with its QR code, the PDF.
    await page.goto(`${c.base()}/app/s/${soc.id}`);
    const toPublish = page.locator('[data-test="tasks-disclosure"] [data-test="task"]', {
      hasText: '小范（化名）',
    });
    await toPublish.waitFor();
    await look(page, 'secretary-home-to-publish');
    await toPublish.click();
    await page.waitForURL(`${c.base()}/app/s/${soc.id}/disclosures/new?cases=${caseId}`);
    await page.locator('[data-test="items"]').getByText('小范（化名）').waitFor();
    expect(await page.locator('[data-test="total-capitals"]').textContent()).toBe('人民币壹仟元整');
    await look(page, 'secretary-publish');
    await page.locator('[data-test="confirm-publish"]').click();
    await page.waitForURL(/\/disclosures\/[0-9a-f-]{36}$/);
    const disclosureId = page.url().split('/').pop()!;
    await page.locator('[data-test="qr"]').waitFor();
    await look(page, 'secretary-notice');
    const pdfHref = (await page.locator('[data-test="pdf"]').getAttribute('href'))!;
    const [pdf] = await Promise.all([
      secretary.context.waitForEvent('response', (r) => r.url().endsWith(pdfHref)),
      page.locator('[data-test="pdf"]').click(),
    ]);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    // The notice as printed for the community board: 小范 under the pseudonym, the amount in 大写.
    const printed = await t.http
      .get(new URL(pdf.url()).pathname)
      .buffer(true)
      .parse(binaryBody as never)
      .expect(200);
    const text = (await pdfText(printed.body as Buffer)).replace(/\s+/g, '');
    expect(text).toContain('小范（化名）');
    expect(text).toContain('壹仟元整');
    expect(text).not.toContain('范某某');
    const residentsUrl = (await page.locator('[data-test="residents"]').getAttribute('href'))!;
    expect(residentsUrl).toContain(`/p/disclosures/${disclosureId}`);
    expect(secretary.problems).toEqual([]);
    await secretary.context.close();

    // 5. A resident reads the notice from the QR code on the board, and objects (no account, no script).
    const resident = await phoneContext(c.browser());
    const rp = await resident.newPage();
    const residentProblems = watchConsole(rp);
    await rp.goto(new URL(residentsUrl, c.base()).toString());
    await rp.getByText('小范（化名）').first().waitFor();
    await look(rp, 'resident-notice');
    await rp.fill('#content', '听说这户今年已经领过一次同类救助，请核实。');
    await rp.fill('#contactName', '李女士');
    await rp.getByRole('button', { name: '提交异议' }).click();
    await rp.getByRole('heading', { name: '异议已收到' }).waitFor();
    await look(rp, 'resident-objection-received');
    expect(residentProblems).toEqual([]);
    await resident.close();

    // 6. The supervisor: 待处理异议 on the home screen, one tap, dismissed with the finding.
    const supervisor = await c.signedIn(soc.supervisor.username);
    const sp = supervisor.page;
    await sp.waitForURL(`${c.base()}/app/s/${soc.id}`);
    const objection = sp.locator('[data-test="tasks-objection"] [data-test="task"]');
    await objection.waitFor();
    await look(sp, 'supervisor-home');
    await objection.click();
    await sp.waitForURL(/\/objections\/[0-9a-f-]{36}$/);
    await sp.locator('[data-test="content"]').getByText('同类救助').waitFor();
    await sp.locator('[data-test="dismiss"]').click();
    await sp.getByPlaceholder(/异议不成立/).fill('经核查，该户今年未获同类救助，异议不成立。');
    await look(sp, 'supervisor-objection');
    await sp.locator('[data-test="resolve"]').click();
    await sp.locator('[data-test="resolution"]').waitFor();
    expect(await sp.locator('[data-test="status"]').textContent()).toContain('不成立');
    await look(sp, 'supervisor-dismissed');
    expect(supervisor.problems).toEqual([]);
    await supervisor.context.close();

    // What the story left behind, read from the API: one payment of ¥1,000, the case on notice, the
    // objection dismissed, six recorded hands, the books balanced.
    const theCase = await t.http.get(`${soc.url}/cases/${caseId}`).set(soc.secretary.auth).expect(200);
    expect(theCase.body).toMatchObject({
      status: 'publicized',
      category: 'serious_illness',
      source: 'home_visit',
    });
    const vote = await t.http.get(`${soc.url}/cases/${caseId}/vote`).set(soc.secretary.auth).expect(200);
    expect(vote.body).toMatchObject({ mode: 'meeting', tally: { outcome: 'approved', approve: 6 } });
    const entries = await t.http.get(`${soc.url}/fund/entries`).set(soc.treasurer.auth).expect(200);
    const payments = (entries.body.items as { kind: string; ref: { id: string } }[]).filter(
      (e) => e.kind === 'aid_payment' && e.ref.id === caseId,
    );
    expect(payments).toHaveLength(1);
    const objections = await t.http.get(`${soc.url}/objections`).set(soc.supervisor.auth).expect(200);
    expect(objections.body.items).toEqual([expect.objectContaining({ status: 'dismissed' })]);
    const books = await t.http.get(`${soc.url}/fund/reconciliation`).set(soc.treasurer.auth).expect(200);
    expect(books.body.ok).toBe(true);
  });
});
