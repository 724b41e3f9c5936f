import { createHash } from 'node:crypto';
import { CasesService } from '../../src/cases/cases.service';
import { TestSociety } from '../support/fixtures';
import { withTestApp } from '../support/test-app';

/** Supporting documents of a case (API.md "Emergency cases"): multipart upload by content type. */
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0诊断证明-jpeg-bytes'),
]);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
  Buffer.from('IHDR'),
  Buffer.alloc(17, 1),
]);
const PDF = Buffer.from('%PDF-1.4\n% 住院发票\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
/** An ELF executable, named .jpg and claimed as image/jpeg. */
const EXE = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 0)]);

describe('Case documents', () => {
  const t = withTestApp();
  let soc: TestSociety;

  const upload = (
    s: TestSociety,
    caseId: string,
    file: Buffer,
    as = s.secretary,
    kind = 'diagnosis',
    name = 'a.jpg',
  ) =>
    t.http
      .post(`${s.url}/cases/${caseId}/attachments`)
      .set(as.auth)
      .field('kind', kind)
      .attach('file', file, { filename: name, contentType: 'image/jpeg' });

  const move = (s: TestSociety, caseId: string, actions: ('open_vote' | 'approve' | 'pay')[]) =>
    t.fx.tx(async () => {
      const cases = t.app.get(CasesService);
      for (const a of actions)
        await cases.transition(s.id, await cases.lockCase(s.id, caseId), a, s.secretary);
    });

  beforeAll(async () => {
    soc = await t.fx.society();
  });

  it.each([
    ['JPEG', JPEG, 'image/jpeg'],
    ['PNG', PNG, 'image/png'],
    ['PDF', PDF, 'application/pdf'],
  ])('stores a %s by its content, and downloads it audited and uncached', async (_n, file, type) => {
    const c = await t.fx.case(soc);
    const res = await upload(soc, c.id, file, soc.secretary, 'bill', 'scan.bin').expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      kind: 'bill',
      contentType: type,
      bytes: file.length,
      sha256: createHash('sha256').update(file).digest('hex'),
      uploadedAt: expect.any(String),
      uploadedBy: soc.secretary.id,
    });
    const list = await t.http.get(`${soc.url}/cases/${c.id}/attachments`).set(soc.board.auth).expect(200);
    expect(list.body).toEqual([res.body]);
    const got = await t.http
      .get(`${soc.url}/cases/${c.id}/attachments/${res.body.id}`)
      .set(soc.treasurer.auth)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (b: Buffer) => chunks.push(b));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(got.headers['content-type']).toBe(type);
    expect(got.headers['cache-control']).toBe('no-store');
    expect(Buffer.compare(got.body as Buffer, file)).toBe(0);
    const audit = await t.http.get(`${soc.url}/audit`).set(soc.secretary.auth).expect(200);
    expect(audit.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'case.attachment_downloaded',
          actorId: soc.treasurer.id,
          entityId: c.id,
        }),
      ]),
    );
  });

  it('refuses an executable renamed .jpg with 415, storing nothing', async () => {
    const c = await t.fx.case(soc);
    const res = await upload(soc, c.id, EXE).expect(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(
      (await t.db.query('SELECT count(*)::int AS n FROM case_attachments WHERE case_id = $1', [c.id])).rows,
    ).toEqual([{ n: 0 }]);
  });

  it('takes 10 MiB and refuses 10 MiB + 1 byte with 413', async () => {
    const c = await t.fx.case(soc);
    const big = Buffer.alloc(10 * 1024 * 1024, 0x20);
    PDF.copy(big);
    await upload(soc, c.id, big).expect(201);
    const over = Buffer.concat([big, Buffer.from(' ')]);
    const res = await upload(soc, c.id, over).expect(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(
      (await t.db.query('SELECT count(*)::int AS n FROM case_attachments WHERE case_id = $1', [c.id])).rows,
    ).toEqual([{ n: 1 }]);
  });

  it('answers 400 without a file or with an unknown kind, and 415 to a JSON body', async () => {
    const c = await t.fx.case(soc);
    await upload(soc, c.id, JPEG, soc.secretary, 'selfie').expect(400);
    await t.http
      .post(`${soc.url}/cases/${c.id}/attachments`)
      .set(soc.secretary.auth)
      .field('kind', 'bill')
      .expect(400);
    const json = await t.http
      .post(`${soc.url}/cases/${c.id}/attachments`)
      .set(soc.secretary.auth)
      .send({ kind: 'bill' })
      .expect(415);
    expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('accepts multipart on the upload route only', async () => {
    const res = await t.http
      .post(`${soc.url}/cases`)
      .set(soc.secretary.auth)
      .field('category', 'fire')
      .attach('file', JPEG, 'a.jpg')
      .expect(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('keeps documents open until paid (409 after), and deletion to drafts', async () => {
    const c = await t.fx.case(soc);
    const first = await upload(soc, c.id, JPEG).expect(201);
    await move(soc, c.id, ['open_vote']);
    await upload(soc, c.id, PNG).expect(201); // the board may ask for one more paper
    const del = await t.http
      .delete(`${soc.url}/cases/${c.id}/attachments/${first.body.id}`)
      .set(soc.secretary.auth)
      .expect(409);
    expect(del.body.code).toBe('INVALID_STATE');
    await move(soc, c.id, ['approve', 'pay']);
    const late = await upload(soc, c.id, PDF).expect(409);
    expect(late.body.code).toBe('INVALID_STATE');
  });

  it('deletes a draft document', async () => {
    const c = await t.fx.case(soc);
    const a = await upload(soc, c.id, JPEG).expect(201);
    await t.http
      .delete(`${soc.url}/cases/${c.id}/attachments/${a.body.id}`)
      .set(soc.secretary.auth)
      .expect(204);
    await t.http.get(`${soc.url}/cases/${c.id}/attachments/${a.body.id}`).set(soc.secretary.auth).expect(404);
    const timeline = await t.http.get(`${soc.url}/cases/${c.id}`).set(soc.secretary.auth).expect(200);
    expect(timeline.body.timeline.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'attach',
      'detach',
    ]);
  });

  it('holds at most 20 documents per case', async () => {
    const c = await t.fx.case(soc);
    for (let i = 0; i < 20; i++) await upload(soc, c.id, JPEG).expect(201);
    const res = await upload(soc, c.id, JPEG).expect(409);
    expect(res.body).toMatchObject({ code: 'INVALID_STATE', details: { max: 20 } });
  });

  it('lets the collector upload to their own draft only; the overseer reads no documents', async () => {
    const mine = await t.fx.case(soc, { by: soc.collector });
    const theirs = await t.fx.case(soc);
    await upload(soc, mine.id, JPEG, soc.collector).expect(201);
    await upload(soc, theirs.id, JPEG, soc.collector).expect(404);
    const overseer = await t.fx.user({ platformRole: 'overseer' });
    await t.http.get(`${soc.url}/cases/${mine.id}/attachments`).set(overseer.auth).expect(403);
  });
});
