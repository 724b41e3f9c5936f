import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import type { DisclosureResponseDto } from '../../src/disclosures/dto/disclosure.dto';
import { PublicService } from '../../src/disclosures/public.service';
import { PAGE_CSP, PageCaching, pageHeaders } from '../../src/disclosures/pages/headers';
import { expectContractError } from '../support/contract';
import { endJobTick, objection, paidCase, publish } from '../support/disclosure-fixtures';
import { TestSociety, unique } from '../support/fixtures';
import { PiiCipher } from '../../src/common/crypto/pii-cipher';
import { TEST_PII_KEY, withTestApp } from '../support/test-app';

/**
 * The residents' pages over HTTP (API.md "HTML for residents"): every route's status and headers, the
 * objection form through the JSON route's use case and rate limit, and every error as a page.
 */
describe('Residents’ pages (/p/…)', () => {
  const LIMIT = 4;
  const t = withTestApp({ OBJECTION_RATE_LIMIT: String(LIMIT), TRUST_PROXY: 'loopback' });
  const SCRIPT_PSEUDONYM = '<script>x</script>'; // 18 of the pseudonym's 20 characters
  const IMG = '<img src=x onerror=alert(1)>';
  const TRACKING = /<p class="code mono">([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})<\/p>/;

  let soc: TestSociety;
  let active: DisclosureResponseDto;
  let other: TestSociety;
  let current: DisclosureResponseDto;
  const ended: DisclosureResponseDto[] = [];
  let caseNos: [string, string];
  let clients = 0;
  /** A fresh client address: each test's objections count against its own limit. */
  const client = () => `203.0.113.${++clients}`;

  const form = (did: string, fields: Record<string, string>, from = client()) =>
    t.http
      .post(`/p/disclosures/${did}/objections`)
      .set('X-Forwarded-For', from)
      .type('form')
      .send(new URLSearchParams(fields).toString());

  /** A page answer: status, HTML, and exactly the page headers (the strict CSP replaces helmet's). */
  function expectPage(res: Response, status: number, caching: PageCaching): string {
    expect({ status: res.status, body: res.status === status ? '' : res.text.slice(0, 300) }).toEqual({
      status,
      body: '',
    });
    const expected = Object.fromEntries(
      Object.entries(pageHeaders(caching)).map(([k, v]) => [k.toLowerCase(), v]),
    );
    expect(Object.fromEntries(Object.keys(expected).map((k) => [k, res.headers[k]]))).toEqual(expected);
    expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(PAGE_CSP).toMatch(
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src 'self' data:;/,
    );
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
    expect(res.text).toMatch(/^<!doctype html>/);
    return res.text;
  }

  const stored = async (did: string) =>
    (
      await t.db.query<{ content_enc: Buffer }>(
        `SELECT content_enc FROM objections WHERE disclosure_id = $1 ORDER BY created_at`,
        [did],
      )
    ).rows.map((r) => new PiiCipher(TEST_PII_KEY).decrypt(r.content_enc)); // stored encrypted

  /** The objection with this content, as the supervisors' list shows it (the clock stands still: no order). */
  const supervisorsSee = async (content: string) => {
    const list = await t.http.get(`${soc.url}/objections?limit=200`).set(soc.supervisor.auth).expect(200);
    const found = (list.body.items as { content: string }[]).filter((o) => o.content === content);
    expect(found).toHaveLength(1);
    return found[0];
  };

  beforeAll(async () => {
    // Another society's history first (time only moves forward): six notices, ended on 10-20.
    t.clock.set('2026-10-01T02:00:00Z');
    other = await t.fx.society({ name: unique('城东社区互助社'), board: 1 });
    await t.fx.donation(other, { amountFen: 1_000_000, receivedAt: '2026-10-01' });
    for (let i = 0; i < 6; i++) {
      ended.push(await publish(t, other, [(await paidCase(t, other, { amountFen: 10_000 })).id]));
      t.clock.advance(60_000);
    }
    t.clock.set('2026-10-20T02:00:00Z');
    await endJobTick(t);

    t.clock.set('2026-11-30T02:00:00Z');
    current = await publish(t, other, [(await paidCase(t, other, { amountFen: 20_000 })).id]);
    soc = await t.fx.society({ name: unique('青溪村互助社'), board: 3, contactPhone: '0566-5123456' });
    await t.fx.donation(soc, { amountFen: 5_000_000 });
    const fan = await paidCase(t, soc, { amountFen: 150_000, pseudonym: '小范' });
    const script = await paidCase(t, soc, { amountFen: 38_005, pseudonym: SCRIPT_PSEUDONYM });
    caseNos = [fan.caseNo, script.caseNo];
    active = await publish(t, soc, [fan.id, script.id], `入户核实。${IMG}`);
  });

  describe('GET /p/:sid (the board)', () => {
    it('shows the society, the fund, every active notice, the 5 latest ended ones and today’s audit head', async () => {
      const page = expectPage(await t.http.get(`/p/${other.id}`), 200, 'short');
      expect(page).toContain(other.name);
      expect(page).toContain('截至<span class="nw">2026年11月30日</span>');
      expect(page).toContain(
        `<a class="tap" href="/p/disclosures/${current.id}">公示 ${current.noticeNo}</a>`,
      );
      const listed = [...page.matchAll(/>公示 ([^<]+)</g)].map((m) => m[1]);
      const latestEnded = ended.slice(1).reverse(); // newest first; the oldest of the six is left off
      expect(listed).toEqual([current.noticeNo, ...latestEnded.map((d) => d.noticeNo)]);
      expect(page).toContain('<h2 id="ended">已结束的公示</h2>');
      expect(page).toContain('¥9,200.00'); // ¥10,000.00 given; 6 × ¥100.00 and ¥200.00 paid
      expect(page).toContain('<span>本年救助人次</span><span class="value">7人次</span>');
      const head = (await t.http.get(`/api/v1/public/societies/${other.id}/audit-head`).expect(200)).body;
      expect(page).toContain(
        `<strong>第${head.seq}条</strong> <span class="mono">${head.hash.slice(0, 12)}</span>`,
      );
    });

    it('shows the active notice with its link and the society’s phone', async () => {
      const page = expectPage(await t.http.get(`/p/${soc.id}`), 200, 'short');
      expect(page).toContain(`href="/p/disclosures/${active.id}">公示 ${active.noticeNo}</a>`);
      expect(page).toContain('<a class="tap" href="tel:0566-5123456">联系电话：0566-5123456</a>');
      expect(page).not.toContain('目前没有正在公示的救助');
    });

    it('kept while nothing changes (its ETag answers 304); a donation — a new audit event — shows at once', async () => {
      const first = await t.http.get(`/p/${soc.id}`);
      expectPage(first, 200, 'short');
      const etag = first.headers.etag;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      const unchanged = await t.http.get(`/p/${soc.id}`).set('If-None-Match', etag);
      expect({ status: unchanged.status, body: unchanged.text }).toEqual({ status: 304, body: '' });
      expect(unchanged.headers.etag).toBe(etag);
      expect(unchanged.headers['cache-control']).toBe('public, max-age=60');
      const renders = jest.spyOn(t.app.get(PublicService), 'board');
      try {
        expect((await t.http.get(`/p/${soc.id}`).expect(200)).text).toBe(first.text);
        expect(renders).not.toHaveBeenCalled(); // from the cache
        expect(first.text).toContain('¥48,119.95'); // ¥50,000.00 given, ¥1,500.00 and ¥380.05 paid
        await t.fx.donation(soc, { amountFen: 1_000 });
        const changed = await t.http.get(`/p/${soc.id}`).set('If-None-Match', etag);
        expect(expectPage(changed, 200, 'short')).toContain('¥48,129.95');
        expect(changed.headers.etag).not.toBe(etag);
        expect(renders).toHaveBeenCalledTimes(1);
      } finally {
        renders.mockRestore();
      }
    });

    it('404 page for an unknown society or an id that is no UUID', async () => {
      for (const path of [`/p/${randomUUID()}`, '/p/not-a-uuid', '/p/disclosures']) {
        const page = expectPage(await t.http.get(path), 404, 'no-store');
        expect(page).toContain('<h1>未找到</h1>');
      }
    });
  });

  describe('GET /p/disclosures/:did (a notice)', () => {
    it('active: the items (a <script> pseudonym and an <img onerror> note as text), the PDF, the form', async () => {
      const page = expectPage(await t.http.get(`/p/disclosures/${active.id}`), 200, 'short');
      expect(page).toContain('<h3>小范（化名）</h3>');
      expect(page).toContain('<h3>&lt;script&gt;x&lt;/script&gt;（化名）</h3>');
      expect(page).toContain('<p class="note">入户核实。&lt;img src=x onerror=alert(1)&gt;</p>');
      expect(page).not.toMatch(/<script|<img/i);
      expect(page).toContain(`<a class="tap" href="/api/v1/public/disclosures/${active.id}/notice.pdf">`);
      expect(page).toContain(`<form method="post" action="/p/disclosures/${active.id}/objections#objection"`);
      expect(page).toContain(`<option value="${caseNos[1]}">编号 ${caseNos[1]} · &lt;script&gt;`);
      expect(page).toContain('人民币壹仟捌佰捌拾元零伍分');
    });

    it('ended: the items without the form; withdrawn: neither items nor PDF nor form', async () => {
      const gone = await publish(t, soc, [
        (await paidCase(t, soc, { amountFen: 10_000, pseudonym: '小吴' })).id,
      ]);
      await t.http
        .post(`${soc.url}/disclosures/${gone.id}/withdraw`)
        .set(soc.secretary.auth)
        .send({ reason: '信息有误' })
        .expect(200);

      const endedPage = expectPage(await t.http.get(`/p/disclosures/${ended[0].id}`), 200, 'short');
      expect(endedPage).toContain('<span class="badge status-ended">已结束</span>');
      expect(endedPage).toContain('<h3>小范（化名）</h3>');
      expect(endedPage).toContain('下载打印版公示（PDF）');
      expect(endedPage).not.toContain('<form');

      const withdrawn = expectPage(await t.http.get(`/p/disclosures/${gone.id}`), 200, 'short');
      expect(withdrawn).toContain('本公示已撤回');
      expect(withdrawn).not.toMatch(/小吴|¥|PDF|<form|信息有误/);

      // Objections to either: the 409 page, with the way back to the notice.
      for (const [d, says] of [
        [ended[0], '公示已结束，不再受理异议。'],
        [gone, '本公示已撤回，不再受理异议。'],
      ] as const) {
        const refused = expectPage(await form(d.id, { content: '有误' }), 409, 'no-store');
        expect(refused).toContain(says);
        expect(refused).toContain(`<a class="tap" href="/p/disclosures/${d.id}">返回公示</a>`);
        // Even with something to refuse in the form: the notice has no form to show it in.
        expectPage(await form(d.id, { content: ' ' }), 409, 'no-store');
        expect(await stored(d.id)).toEqual([]);
      }
    });

    it('404 page for an unknown notice or an id that is no UUID', async () => {
      for (const path of [`/p/disclosures/${randomUUID()}`, '/p/disclosures/12345']) {
        expect(expectPage(await t.http.get(path), 404, 'no-store')).toContain('<h1>未找到</h1>');
      }
      expectPage(await form(randomUUID(), { content: '有误' }), 404, 'no-store');
      expectPage(await form('not-a-uuid', { content: '有误' }), 404, 'no-store');
    });
  });

  describe('POST /p/disclosures/:did/objections (the form)', () => {
    it('accepts the form as the JSON route does: the tracking code (201, no-store), stored for the supervisors', async () => {
      const res = await form(active.id, {
        caseNo: caseNos[0],
        content: '该户今年已领过一次。\r\n请核实。',
        contactName: '李女士',
        contactPhone: '13800138000',
      });
      const page = expectPage(res, 201, 'no-store');
      const code = TRACKING.exec(page)?.[1];
      expect(code).toBeDefined();
      expect(page).toContain(`href="/p/objections/${code}">查看处理进度</a>`);
      expect(page).toContain(`返回公示 ${active.noticeNo}`);

      expect(await supervisorsSee('该户今年已领过一次。\r\n请核实。')).toMatchObject({
        disclosureId: active.id,
        caseNo: caseNos[0],
        content: '该户今年已领过一次。\r\n请核实。',
        contactName: '李**',
        contactPhone: '138****8000',
        status: 'open',
      });
      const json = await t.http.get(`/api/v1/public/objections/${code}`).expect(200);
      expect(json.body.status).toBe('open');
    });

    it('empty optional fields from a browser are no errors: caseNo "" is the whole notice', async () => {
      const res = await form(active.id, {
        caseNo: '',
        content: '整份公示有疑问',
        contactName: '',
        contactPhone: ' ',
      });
      expectPage(res, 201, 'no-store');
      expect(await supervisorsSee('整份公示有疑问')).toMatchObject({
        caseNo: null,
        contactName: null,
        contactPhone: null,
      });
    });

    it('refused input: the notice again (400, no-store) with the messages and what was typed, escaped', async () => {
      const before = await stored(active.id);
      const res = await form(active.id, {
        caseNo: caseNos[1],
        content: '   ',
        contactName: IMG,
        contactPhone: '12345',
      });
      const page = expectPage(res, 400, 'no-store');
      expect(page).toContain('提交未成功，请修改后再提交');
      expect(page).toMatch(/<p class="error" id="content-error">[^<]+<\/p>/);
      expect(page).toMatch(/<p class="error" id="contactPhone-error">[^<]+<\/p>/);
      expect(page).toContain('value="&lt;img src=x onerror=alert(1)&gt;"');
      expect(page).toContain('value="12345"');
      expect(page).toContain(`<option value="${caseNos[1]}" selected>`);
      expect(page).not.toMatch(/<img|<script/i);
      expect(page).toContain('<h3>小范（化名）</h3>'); // the notice itself is there again

      // The content echoed back: an <img onerror> typed by a resident stays text.
      const typed = await form(active.id, { caseNo: 'HZ-0000', content: `金额不对${IMG}` });
      const again = expectPage(typed, 400, 'no-store');
      expect(again).toContain('公示中没有这个案件编号'); // found by the use case, not the DTO
      expect(again).toContain('金额不对&lt;img src=x onerror=alert(1)&gt;</textarea>');
      expect(again).not.toMatch(/<img/i);
      expect(await stored(active.id)).toEqual(before);
    });

    it('a field the form does not have is refused (400); a JSON body is a 415 page; a form elsewhere stays a JSON 415', async () => {
      const before = await stored(active.id);
      const extra = expectPage(await form(active.id, { content: '有误', isAdmin: '1' }), 400, 'no-store');
      expect(extra).toContain('不允许的字段');
      expect(extra).toContain('>\n有误</textarea>');

      const json = await t.http
        .post(`/p/disclosures/${active.id}/objections`)
        .set('X-Forwarded-For', client())
        .send({ content: '有误' });
      expect(expectPage(json, 415, 'no-store')).toContain('请在公示页面上填写表单提交。');

      const api = await t.http
        .post(`/api/v1/public/disclosures/${active.id}/objections`)
        .set('X-Forwarded-For', client())
        .type('form')
        .send('content=x');
      expectContractError(api, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(await stored(active.id)).toEqual(before);
    });

    it('one limit for the form and the JSON route: past it, the 429 page with Retry-After', async () => {
      const from = client();
      for (let i = 0; i < LIMIT; i++) {
        if (i % 2 === 0)
          expectPage(await form(active.id, { content: `第${i + 1}条` }, from), 201, 'no-store');
        else
          await t.http
            .post(`/api/v1/public/disclosures/${active.id}/objections`)
            .set('X-Forwarded-For', from)
            .send({ content: `第${i + 1}条` })
            .expect(201);
      }
      const refused = await form(active.id, { content: '第5条' }, from);
      const page = expectPage(refused, 429, 'no-store');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(600);
      expect(page).toContain('<h1>操作过于频繁</h1>');
      expect(page).toContain('提交过于频繁，请10分钟后再试。');
      const json = await t.http
        .post(`/api/v1/public/disclosures/${active.id}/objections`)
        .set('X-Forwarded-For', from)
        .send({ content: '第6条' });
      expectContractError(json, 429, 'RATE_LIMITED');
      expect(await stored(active.id)).not.toContain('第5条');
    });
  });

  describe('GET /p/objections/:code (an objection’s status)', () => {
    it('open, then resolved with the answer (escaped); the code in any case, with or without hyphens', async () => {
      const o = await objection(t, active.id, { caseNo: caseNos[0] });
      const open = expectPage(await t.http.get(`/p/objections/${o.trackingCode}`), 200, 'no-store');
      expect(open).toContain(`<strong>${o.trackingCode}</strong>`);
      expect(open).toContain('待处理');
      expect(open).toContain('<dt>公示</dt><dd>' + active.noticeNo + '</dd>');
      expect(open).toContain('<dt>提交日期</dt><dd><span class="nw">2026年11月30日</span></dd>');

      t.clock.set('2026-12-02T03:00:00Z'); // from here on, later tests run on 12-02 (time moves forward only)
      await t.http
        .post(`${soc.url}/objections/${o.id}/resolution`)
        .set(soc.supervisor.auth)
        .send({ decision: 'dismissed', response: `经核查情况属实。${IMG}` })
        .expect(200);
      const loose = o.trackingCode.replace(/-/g, '').toLowerCase();
      const done = expectPage(await t.http.get(`/p/objections/${loose}`), 200, 'no-store');
      expect(done).toContain('不成立');
      expect(done).toContain('<p class="note">经核查情况属实。&lt;img src=x onerror=alert(1)&gt;</p>');
      expect(done).toContain('<dt>处理日期</dt><dd><span class="nw">2026年12月2日</span></dd>');
    });

    it('404 page for an unknown code or no code at all', async () => {
      for (const code of ['ABCD-EFGH-JKMN', 'no-code', 'x'.repeat(41)]) {
        expect(expectPage(await t.http.get(`/p/objections/${code}`), 404, 'no-store')).toContain('未找到');
      }
    });
  });

  describe('errors outside the routes', () => {
    it('an unknown address under /p/ is a 404 page for a browser, the API’s JSON for other clients', async () => {
      const browser = await t.http.get('/p/a/b/c').set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
      expect(expectPage(browser, 404, 'no-store')).toContain('<h1>未找到</h1>');
      expectContractError(await t.http.get('/p/a/b/c'), 404, 'NOT_FOUND');
      expectContractError(await t.http.get('/api/v1/nothing').set('Accept', 'text/html'), 404, 'NOT_FOUND');
    });

    it('a failure inside is the generic 500 page with the request id, never its internals', async () => {
      const spy = jest
        .spyOn(t.app.get(PublicService), 'version') // read on every request, cached board or not
        .mockRejectedValueOnce(new Error('relation "secret_table" does not exist'));
      try {
        const res = await t.http.get(`/p/${soc.id}`).set('X-Request-Id', 'req-pages-500');
        const page = expectPage(res, 500, 'no-store');
        expect(res.headers['x-request-id']).toBe('req-pages-500');
        expect(page).toContain('<h1>出错了</h1>');
        expect(page).toContain('请求编号：req-pages-500');
        expect(page).not.toMatch(/secret_table|relation|Error/);
      } finally {
        spy.mockRestore();
      }
    });
  });
});
