import type { Page } from 'playwright-core';
import { AttachmentsService } from '../../src/cases/attachments.service';
import { VotesService } from '../../src/votes/votes.service';
import { PHONE, screenshot } from '../support/browser';
import { withConsole } from '../support/console';
import type { TestSociety, TestUser } from '../support/fixtures';
import { openVote } from '../support/vote-fixtures';

/**
 * The votes and payment screens of the console (issue 11) in Chromium on a 360 px phone, against the
 * real app: the secretary opens a meeting vote from a case and records the hands until the bylaws
 * decide it; board members vote and recuse from their phones; the cashier pays; and a double tap on
 * 付款 with the connection cut after the server has paid still pays exactly once.
 * Screenshots: test-output/screenshots/console-votes-*.png.
 */
describe('Votes and payment in the console (Chromium, 360 px)', () => {
  const harness = withConsole();
  const { t } = harness;

  const BOARD_NAMES = ['张建国', '王秀英', '李明', '刘芳', '陈志强', '杨丽', '赵伟', '黄静', '周涛'];
  const PDF = Buffer.from('%PDF-1.4\n% 诊断证明\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

  async function fits(page: Page): Promise<void> {
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );
  }

  /**
   * Waits until nothing moves (Vant's dialogs fade in and out; a spinner may turn) and, unless kept, no toast shows. Polled
   * with evaluate: the console's CSP refuses the string eval of waitForFunction.
   */
  async function still(page: Page, keepToasts = false): Promise<void> {
    const toast =
      "[...document.querySelectorAll('.van-toast')].some((e) => getComputedStyle(e).display !== 'none')";
    // Spinners turn forever: only animations that end count.
    const finite =
      'document.getAnimations().some((a) => a.effect?.getComputedTiming().iterations !== Infinity)';
    const moving = `${finite}${keepToasts ? '' : ` || ${toast}`}`;
    const deadline = Date.now() + 10_000;
    while (await page.evaluate<boolean>(moving)) {
      if (Date.now() > deadline) {
        const what = await page.evaluate<string>(
          'JSON.stringify(document.getAnimations().map((a) => [a.animationName ?? a.transitionProperty, a.effect?.target?.className]))',
        );
        throw new Error(`the page did not settle: ${what}`);
      }
      await page.waitForTimeout(50);
    }
  }

  /** Confirms the Vant dialog open now with its button named `name`. */
  async function confirmDialog(page: Page, name: string): Promise<void> {
    const dialog = page.locator('.van-dialog').filter({ visible: true });
    await dialog.getByRole('button', { name, exact: true }).click();
  }

  const paymentsOf = async (soc: TestSociety, caseId: string) => {
    const entries = await t.http.get(`${soc.url}/fund/entries`).set(soc.treasurer.auth).expect(200);
    return (entries.body.items as { kind: string; ref: { id: string } }[]).filter(
      (e) => e.kind === 'aid_payment' && e.ref.id === caseId,
    );
  };

  it('the secretary opens a meeting vote from a case and records six hands: decided at the sixth', async () => {
    const soc = await t.fx.society({ board: 0, name: '月亮湖社区救急难互助社' });
    const board: TestUser[] = [];
    for (const displayName of BOARD_NAMES) board.push(await t.fx.member(soc, ['board'], { displayName }));
    await t.fx.donation(soc, { amountFen: 2_000_000 });
    const c = await t.fx.case(soc, {
      pseudonym: '小范',
      requestedAmountFen: 100_000,
      description: '白血病住院，无力负担医疗费',
    });

    const { page, context, problems } = await harness.signedIn(
      soc.secretary.username,
      `/s/${soc.id}/cases/${c.id}/vote`,
    );
    await page.getByText(`${c.caseNo} · 小范（化名）`).waitFor();
    const sentence = page.locator('[data-test="bylaws-sentence"]');
    await sentence.getByText('9 名理事中至少 6 人参加、参加者三分之二以上同意').waitFor();
    // The amount starts as the case's request, with its 大写; the closing time from the bylaws' window.
    expect(await page.locator('input[name="amountFen"]').inputValue()).toBe('1000.00');
    expect(await page.locator('[data-test="amountFen-capitals"]').textContent()).toBe('人民币壹仟元整');
    const closes = await page.locator('[data-test="closes-at"]').inputValue();
    const hours = (new Date(closes).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    await page.locator('[data-test="mode-meeting"]').click();
    await fits(page);
    await still(page);
    await screenshot(page, 'console-votes-open');

    await page.getByRole('button', { name: '发起表决' }).click();
    await page.waitForURL(/\/votes\/[0-9a-f-]{36}\?case=/);
    const opened = await t.http.get(`${soc.url}/cases/${c.id}/vote`).set(soc.secretary.auth).expect(200);
    expect(opened.body).toMatchObject({ mode: 'meeting', amountFen: 100_000, status: 'open' });
    expect(page.url()).toContain(`/votes/${opened.body.id}?case=${c.id}`);

    // The ninth member recuses from their own phone: the meeting screen shows it within a few seconds.
    const votes = t.app.get(VotesService);
    await t.fx.tx(() => votes.recuse(soc.id, c.id, { reason: '申请人是本人亲属' }, board[8]));
    const row = (u: TestUser) => page.locator(`[data-test="row-${u.id}"]`);
    await row(board[8]).getByText('已回避').waitFor({ timeout: 10_000 });

    const tally = page.locator('[data-test="tally"]');
    for (let i = 0; i < 6; i++) {
      await row(board[i]).locator('[data-test="record-approve"]').click();
      await confirmDialog(page, '记录');
      await row(board[i]).locator('[data-test="recorded"]').getByText('同意').waitFor();
      if (i === 4) {
        // Five hands of eight eligible: not yet the quorum of six, nothing decided.
        expect(await tally.locator('[data-test="count-approve"]').textContent()).toContain('5');
        expect(await tally.locator('[data-test="count-waiting"]').textContent()).toContain('3');
        expect(await tally.locator('[data-test="quorum"]').textContent()).toContain('还差 1 人');
        expect(await tally.locator('[data-test="outcome"]').textContent()).toContain('表决进行中，尚未决定');
        await still(page);
        await screenshot(page, 'console-votes-meeting');
      }
    }
    // The sixth hand decides it under the bylaws: approved at once, no more hands to record.
    await tally.locator('[data-test="outcome"]').getByText('已决定：通过').waitFor();
    expect(await tally.locator('[data-test="quorum"]').textContent()).toContain('已达法定人数');
    expect(await page.locator('[data-test^="record-"]').count()).toBe(0);
    expect(await page.locator('[data-test="close-vote"]').count()).toBe(0);
    await fits(page);
    await still(page);
    await screenshot(page, 'console-votes-meeting-decided');

    const decided = await t.http.get(`${soc.url}/cases/${c.id}/vote`).set(soc.secretary.auth).expect(200);
    expect(decided.body).toMatchObject({
      status: 'closed',
      tally: { outcome: 'approved', approve: 6, eligible: 8 },
    });
    for (const b of decided.body.ballots as { mode: string; recordedBy: string }[]) {
      expect(b).toMatchObject({ mode: 'meeting', recordedBy: soc.secretary.id });
    }
    const theCase = await t.http.get(`${soc.url}/cases/${c.id}`).set(soc.secretary.auth).expect(200);
    expect(theCase.body.status).toBe('approved');

    expect(problems).toEqual([]);
    await context.close();
  });

  it('a board member reads the documents and casts a remote ballot; another recuses', async () => {
    const soc = await t.fx.society({ board: 3 });
    await t.fx.donation(soc, { amountFen: 1_000_000 });
    const c = await t.fx.case(soc, { pseudonym: '小周', requestedAmountFen: 150_000 });
    await t.fx.tx(() =>
      t.app.get(AttachmentsService).upload(soc.id, c.id, { file: PDF, kind: 'diagnosis' }, soc.secretary),
    );
    const vote = await openVote(t, soc, c.id, { amountFen: 150_000, mode: 'remote' });
    const [first, second] = soc.boardMembers;

    // From the link the console makes (with the case), as from the tasks screen.
    const one = await harness.signedIn(first.username, `/s/${soc.id}/votes/${vote.id}?case=${c.id}`);
    await one.page.getByText(`${c.caseNo} · 小周（化名）`).waitFor();
    await one.page.locator('[data-test="cast-so-far"]').getByText('已有 0 / 3 人投票').waitFor();
    const documents = one.page.locator('[data-test="documents"]');
    await documents.getByText('诊断证明').waitFor();
    await fits(one.page);
    await still(one.page);
    await screenshot(one.page, 'console-votes-ballot');

    // The document opens: fetched with the token, then shown in a new tab (a PDF).
    const [file, tab] = await Promise.all([
      one.page.waitForResponse((r) => r.url().includes(`/cases/${c.id}/attachments/`)),
      one.context.waitForEvent('page'),
      documents.getByText('诊断证明').click(),
    ]);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('application/pdf');
    await tab.close();

    await one.page.getByPlaceholder('可不填').fill('情况属实，同意救助');
    await one.page.locator('[data-test="cast-approve"]').click();
    await confirmDialog(one.page, '投同意');
    await one.page.locator('[data-test="my-choice"]').getByText('同意', { exact: true }).waitFor();
    expect(await one.page.locator('[data-test="my-choice"]').textContent()).toContain('情况属实，同意救助');
    expect(await one.page.locator('[data-test="tally"] [data-test="count-approve"]').textContent()).toContain(
      '1',
    );
    await still(one.page);
    await screenshot(one.page, 'console-votes-ballot-cast');
    expect(one.problems).toEqual([]);
    await one.context.close();

    // The second member opens the vote without the case in the address (the console finds it) and recuses.
    const two = await harness.signedIn(second.username, `/s/${soc.id}/votes/${vote.id}`);
    await two.page.getByText(`${c.caseNo} · 小周（化名）`).waitFor();
    await two.page.locator('[data-test="recuse"]').click();
    await confirmDialog(two.page, '确认回避');
    await two.page.getByText('请填写回避理由，例如：申请人是本人亲属').waitFor();
    await two.page.locator('[data-test="recusal-reason"] textarea').fill('申请人是本人表弟');
    await still(two.page, true);
    await screenshot(two.page, 'console-votes-recusal');
    await confirmDialog(two.page, '确认回避');
    await two.page.locator('[data-test="recused"]').waitFor();
    await fits(two.page);
    await still(two.page);
    await screenshot(two.page, 'console-votes-recused');
    expect(two.problems).toEqual([]);
    await two.context.close();

    const after = await t.http.get(`${soc.url}/cases/${c.id}/vote`).set(soc.secretary.auth).expect(200);
    expect(after.body.recusedVoterIds).toEqual([second.id]);
    expect(after.body.ballots).toMatchObject([
      {
        voterId: first.id,
        choice: 'approve',
        mode: 'remote',
        recordedBy: null,
        comment: '情况属实，同意救助',
      },
    ]);
  });

  it('the cashier pays an approved case from the bank with its reference', async () => {
    const soc = await t.fx.society();
    await t.fx.donation(soc, { amountFen: 1_000_000 });
    const c = await t.fx.approvedCase(soc, {
      amountFen: 100_000,
      pseudonym: '小范',
      payee: { name: '范某某', bankName: '中国农业银行池州分行', accountNo: '6228480012345678901' },
    });

    const { page, context, problems } = await harness.signedIn(
      soc.treasurer.username,
      `/s/${soc.id}/cases/${c.id}/pay`,
    );
    await page.getByText('批准金额').waitFor();
    expect(await page.locator('[data-test="case-summary"]').textContent()).toContain('人民币壹仟元整');
    await page.locator('[data-test="account-bank"]').getByText('余额 ¥10,000.00').waitFor();
    await page.locator('[data-test="account-cash"]').getByText('余额 ¥0.00').waitFor();

    // Cash cannot cover it: said at once, and 付款 waits for another account.
    await page.locator('[data-test="account-cash"]').click();
    await page.getByText('该账户余额不足以支付').waitFor();
    expect(await page.locator('[data-test="pay"]').isDisabled()).toBe(true);
    await page.locator('[data-test="account-bank"]').click();
    await page.getByLabel('凭证号').fill('网银流水 20261129-0042');
    await fits(page);
    await still(page);
    await screenshot(page, 'console-votes-pay');

    await page.locator('[data-test="pay"]').click();
    const dialog = page.locator('.van-dialog').filter({ visible: true });
    await dialog.getByText('人民币壹仟元整').waitFor();
    expect(await dialog.textContent()).toContain('网银流水 20261129-0042');
    await still(page, true);
    await screenshot(page, 'console-votes-pay-confirm');
    await confirmDialog(page, '确认付款');
    await page.waitForURL((url) => !url.pathname.endsWith('/pay'));

    const paid = await t.http.get(`${soc.url}/cases/${c.id}`).set(soc.treasurer.auth).expect(200);
    expect(paid.body.status).toBe('paid');
    expect(await paymentsOf(soc, c.id)).toHaveLength(1);
    const fund = await t.http.get(`${soc.url}/fund`).set(soc.treasurer.auth).expect(200);
    expect(fund.body.accounts).toEqual(expect.arrayContaining([{ code: 'bank', balanceFen: 900_000 }]));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a double tap on 付款 with the connection cut after the server paid: retried with the same key, paid once', async () => {
    const soc = await t.fx.society();
    await t.fx.donation(soc, { amountFen: 1_000_000 });
    const c = await t.fx.approvedCase(soc, { amountFen: 120_000 });

    const { page, context, problems } = await harness.signedIn(
      soc.treasurer.username,
      `/s/${soc.id}/cases/${c.id}/pay`,
    );
    await page.locator('[data-test="pay"]').waitFor();

    const keys: (string | undefined)[] = [];
    const replayed: (string | undefined)[] = [];
    await page.route(`**/api/v1/societies/${soc.id}/cases/${c.id}/payment`, async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      if (keys.length === 1) {
        // The request reaches the server, which pays; the phone never hears the answer.
        await route.fetch();
        await route.abort('connectionreset');
        return;
      }
      // The retry goes out once the console has said it is retrying safely.
      await page.locator('[data-test="pay-notice"]').getByText('网络中断，正在安全重试').waitFor();
      await still(page, true);
      await screenshot(page, 'console-votes-pay-retrying');
      const answer = await route.fetch();
      replayed.push(answer.headers()['idempotent-replayed']);
      await route.fulfill({ response: answer });
    });

    // Two taps on 付款 open one confirmation; two taps on its button send one payment.
    await page.locator('[data-test="pay"]').dblclick();
    await page.locator('.van-dialog').filter({ visible: true }).getByText('人民币壹仟贰佰元整').waitFor();
    expect(await page.locator('.van-dialog').filter({ visible: true }).count()).toBe(1);
    await page
      .locator('.van-dialog')
      .filter({ visible: true })
      .getByRole('button', { name: '确认付款' })
      .dblclick();
    await page.waitForURL((url) => !url.pathname.endsWith('/pay'), { timeout: 20_000 });

    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(replayed).toEqual(['true']);
    expect(await paymentsOf(soc, c.id)).toHaveLength(1);
    const paid = await t.http.get(`${soc.url}/cases/${c.id}`).set(soc.treasurer.auth).expect(200);
    expect(paid.body.status).toBe('paid');
    const fund = await t.http.get(`${soc.url}/fund`).set(soc.treasurer.auth).expect(200);
    expect(fund.body.totals.aidPaidFen).toBe(120_000);
    // Chromium notes the cut connection; nothing else went wrong.
    expect(problems.filter((p) => !/ERR_CONNECTION_RESET|Failed to load resource/.test(p))).toEqual([]);
    await context.close();
  });
});
