import { DocumentsService } from '../../src/documents/documents.service';
import { binaryBody } from '../support/binary-body';
import { paidCase, publish } from '../support/disclosure-fixtures';
import { testIdNumber } from '../support/fixtures';
import { pdfText, readQrCodes } from '../support/pdf-tools';
import { withTestApp } from '../support/test-app';

/**
 * The printable notice (API.md `GET /public/disclosures/:did/notice.pdf`, DESIGN.md "Documents"):
 * rendered from the frozen snapshot, its QR code leading to the residents' page, cached by content
 * with an ETag so that the same notice is generated once and a revalidation is a 304.
 */
describe('GET /public/disclosures/:did/notice.pdf', () => {
  const BASE = 'https://huzhu.example.cn';
  const t = withTestApp({ PUBLIC_BASE_URL: BASE });
  const pdf = (did: string, ifNoneMatch?: string) => {
    const req = t.http
      .get(`/api/v1/public/disclosures/${did}/notice.pdf`)
      .buffer(true)
      .parse(binaryBody as never);
    return ifNoneMatch === undefined ? req : req.set('If-None-Match', ifNoneMatch);
  };

  it('prints the notice number, items, 大写 total and check code; its QR code decodes to the page; generated once', async () => {
    const soc = await t.fx.society({ board: 3, name: '青溪村救急难互助社', contactPhone: '0566-2021234' });
    await t.fx.donation(soc, { amountFen: 1_000_000 });
    const a = await paidCase(t, soc, {
      amountFen: 100_000,
      pseudonym: '小范',
      applicant: { name: '范晓东', idNumber: testIdNumber('19880716', 111) },
    });
    const b = await paidCase(t, soc, { amountFen: 100_456 });
    const notice = await publish(t, soc, [a.id, b.id]);
    const documents = t.app.get(DocumentsService);
    const rendersBefore = documents.disclosureNoticeRenders;

    const first = await pdf(notice.id).expect(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const body = first.body as Buffer;
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');

    const text = (await pdfText(body)).replace(/\s+/g, '');
    expect(text).toContain(notice.noticeNo);
    expect(text).toContain('青溪村救急难互助社');
    expect(text).toContain('小范（化名）');
    expect(text).toContain(a.caseNo);
    expect(text).toContain(b.caseNo);
    expect(text).toContain('人民币贰仟零肆元伍角陆分'); // 2,004.56 yuan
    expect(text).toContain(notice.checkCode);
    expect(text).toContain(notice.auditHead.hash.slice(0, 12));
    expect(text).not.toContain('范晓东');

    const codes = await readQrCodes(body);
    expect(codes.map((c) => c.data)).toEqual([`${BASE}/p/disclosures/${notice.id}`]);
    expect(notice.publicUrl).toBe(`${BASE}/p/disclosures/${notice.id}`);

    // The same notice again: the same bytes, no second render; revalidation: 304 with nothing rendered.
    const second = await pdf(notice.id).expect(200);
    expect(Buffer.compare(second.body as Buffer, body)).toBe(0);
    expect(second.headers.etag).toBe(etag);
    const revalidated = await pdf(notice.id, etag).expect(304);
    expect((revalidated.body as Buffer).length).toBe(0);
    expect(revalidated.headers.etag).toBe(etag);
    await pdf(notice.id, `W/${etag}, "other"`).expect(304);
    await pdf(notice.id, '"stale"').expect(200);
    expect(documents.disclosureNoticeRenders - rendersBefore).toBe(1);
  });

  it('is the same document after the cases change later (the snapshot is frozen)', async () => {
    const soc = await t.fx.society({ board: 1 });
    await t.fx.donation(soc, { amountFen: 500_000 });
    const c = await paidCase(t, soc, { amountFen: 50_000, pseudonym: '小李' });
    const notice = await publish(t, soc, [c.id]);
    const before = await pdf(notice.id).expect(200);
    await t.db.query(`UPDATE cases SET pseudonym = '小王' WHERE id = $1`, [c.id]);
    const after = await pdf(notice.id).expect(200);
    expect(after.headers.etag).toBe(before.headers.etag);
    expect((await pdfText(after.body as Buffer)).replace(/\s+/g, '')).toContain('小李（化名）');
  });

  it('answers 404 for a withdrawn notice, an unknown one and a malformed id', async () => {
    const soc = await t.fx.society({ board: 1 });
    await t.fx.donation(soc, { amountFen: 500_000 });
    const c = await paidCase(t, soc, { amountFen: 50_000 });
    const notice = await publish(t, soc, [c.id]);
    const { etag } = (await pdf(notice.id).expect(200)).headers as { etag: string };
    await t.http
      .post(`${soc.url}/disclosures/${notice.id}/withdraw`)
      .set(soc.secretary.auth)
      .send({ reason: '名单有误，撤回重发' })
      .expect(200);
    // At once, though this process knows the notice's ETag: a revalidation is no 304 either.
    const gone = await t.http.get(`/api/v1/public/disclosures/${notice.id}/notice.pdf`).expect(404);
    expect(gone.body.code).toBe('NOT_FOUND');
    await pdf(notice.id, etag).expect(404);
    await t.http
      .get('/api/v1/public/disclosures/00000000-0000-4000-8000-000000000000/notice.pdf')
      .expect(404);
    await t.http.get('/api/v1/public/disclosures/not-a-uuid/notice.pdf').expect(404);
  });
});
