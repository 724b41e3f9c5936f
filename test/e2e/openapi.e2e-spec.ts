import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERROR_CODES } from '../../src/common/errors/error-codes';
import { OpenApiResponseValidator } from '../support/openapi-validator';
import { withTestApp } from '../support/test-app';

type Doc = ConstructorParameters<typeof OpenApiResponseValidator>[0] & {
  paths: Record<string, Record<string, { responses: Record<string, ResponseDoc>; security?: unknown[] }>>;
  components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>> }> };
};
interface ResponseDoc {
  content?: Record<
    string,
    { schema?: { $ref?: string }; examples?: Record<string, { value: { code: string } }> }
  >;
}

const REDOCLY = join(__dirname, '../../node_modules/@redocly/cli/bin/cli.js');

describe('OpenAPI document (/api/docs-json)', () => {
  const t = withTestApp();
  let doc: Doc;
  beforeAll(async () => {
    doc = (await t.http.get('/api/docs-json').expect(200)).body as Doc;
  });

  it('passes redocly lint with the recommended rules: 0 errors, 0 warnings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'huzhu-lint-'));
    try {
      writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
      let out: string;
      try {
        out = execFileSync(
          process.execPath,
          [REDOCLY, 'lint', 'openapi.json', '--extends=recommended', '--format=json'],
          {
            cwd: dir,
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'pipe'],
            env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
          },
        );
      } catch (e) {
        out = String((e as { stdout?: string }).stdout); // lint exits 1 on errors; the report is still JSON
      }
      const report = JSON.parse(out) as {
        totals: { errors: number; warnings: number };
        problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
      };
      const problems = report.problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
      expect(problems).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('types the nullable strings of issue 13 as string (nullable), not object', () => {
    const fields: Record<string, string[]> = {
      DonationResponseDto: ['recordedBy', 'reference', 'note', 'voidedAt', 'voidReason', 'voidEntryId'],
      AuditEventResponseDto: ['actorId', 'entityId'],
      SocietyResponseDto: ['contactPhone', 'address'],
      DonorResponseDto: ['creditCode', 'phoneMasked', 'note'],
      UserResponseDto: ['phoneMasked'],
      EntryResponseDto: ['memo'],
    };
    for (const [schema, names] of Object.entries(fields)) {
      for (const name of names) {
        expect([schema, name, doc.components.schemas[schema].properties[name]]).toEqual([
          schema,
          name,
          expect.objectContaining({ type: 'string', nullable: true }),
        ]);
      }
    }
    expect(doc.components.schemas.EntryResponseDto.properties.ref).toMatchObject({
      nullable: true,
      allOf: [{ $ref: '#/components/schemas/RefDto' }],
    });
  });

  it('describes every error answer in the one ErrorResponse schema, with codes of its status', () => {
    expect(doc.components.schemas.ErrorResponseDto.properties.code).toMatchObject({
      allOf: [{ $ref: '#/components/schemas/ErrorCode' }],
    });
    expect((doc.components.schemas.ErrorCode as unknown as { enum: string[] }).enum).toEqual(
      Object.keys(ERROR_CODES),
    );
    let answers = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const statuses = Object.keys(op.responses);
        expect([method, path, statuses.some((s) => /^4/.test(s))]).toEqual([method, path, true]);
        for (const [status, response] of Object.entries(op.responses)) {
          if (!/^[45]\d\d$/.test(status) || path === '/health') continue;
          const json = response.content?.['application/json'];
          expect([path, status, json?.schema]).toEqual([
            path,
            status,
            { $ref: '#/components/schemas/ErrorResponseDto' },
          ]);
          const examples = Object.values(json?.examples ?? {});
          expect(examples.length).toBeGreaterThan(0);
          for (const e of examples)
            expect([path, e.value.code, e.value]).toMatchObject([
              path,
              e.value.code,
              { statusCode: Number(status) },
            ]);
          answers += 1;
        }
        if (path !== '/health') expect(op.responses['500']).toBeDefined();
        // the database unreachable (issue 15): 503 SERVICE_UNAVAILABLE anywhere, /health with its own body
        expect(op.responses['503']).toBeDefined();
      }
    }
    expect(answers).toBeGreaterThan(50);
  });

  it('says which operations are public (security: []) and which need the bearer token', () => {
    expect(doc.paths['/api/v1/auth/login'].post.security).toEqual([]);
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.paths['/api/v1/societies/{sid}/fund'].get.security).toEqual([{ bearer: [] }]);
  });

  // The afterEach hook checks each answer against the document: these are the shared ones it adds.
  it('documents the answers every route shares: 401, 400 (query), 413, 415, 403/404 under a society', async () => {
    const s = await t.fx.society({ roles: ['treasurer', 'collector'] });
    await t.http.get('/api/v1/societies').expect(401);
    await t.http.get('/api/v1/societies?bogus=1').set(t.admin.auth).expect(400);
    await t.http
      .post('/api/v1/societies')
      .set(t.admin.auth)
      .set('Content-Type', 'application/xml')
      .send('<society/>')
      .expect(415);
    await t.http
      .post(`/api/v1/societies/${s.id}/donors`)
      .set(s.treasurer.auth)
      .send({ kind: 'individual', name: 'x'.repeat(1024 * 1024 + 1) })
      .expect(413);
    await t.http.get(`/api/v1/societies/${s.id}/fund`).set(s.collector.auth).expect(403);
    await t.http
      .get('/api/v1/societies/00000000-0000-4000-8000-000000000000/fund')
      .set(t.admin.auth)
      .expect(403);
  });

  it('validates real responses, and fails one whose field has the wrong type (planted mismatch)', async () => {
    const s = await t.fx.society({ roles: ['treasurer'] });
    const d = await t.fx.donation(s, { amountFen: 12_345 });
    const res = await t.http
      .get(`/api/v1/societies/${s.id}/donations/${d.id}`)
      .set(s.treasurer.auth)
      .expect(200);
    const validator = new OpenApiResponseValidator(doc);
    const seen = {
      method: 'GET',
      route: '/api/v1/societies/:sid/donations/:id',
      status: 200,
      contentType: 'application/json; charset=utf-8',
    };
    expect(validator.check({ ...seen, body: JSON.stringify(res.body) })).toEqual([]);

    const planted = { ...(res.body as object), receiptNo: 2026000001 };
    expect(validator.check({ ...seen, body: JSON.stringify(planted) })).toEqual([
      expect.stringContaining('body/receiptNo must be string'),
    ]);
    const undocumentedField = { ...(res.body as object), secret: 'x' };
    expect(validator.check({ ...seen, body: JSON.stringify(undocumentedField) })).toEqual([
      expect.stringContaining('must NOT have additional properties'),
    ]);
    expect(validator.check({ ...seen, status: 409, body: JSON.stringify({}) })).toEqual([
      expect.stringContaining('status not documented'),
    ]);
  });
});
