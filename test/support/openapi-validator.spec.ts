import { OpenApiResponseValidator, toJsonSchema } from './openapi-validator';

const json = 'application/json; charset=utf-8';
const error = (codes: string[]) => ({
  content: {
    'application/json': {
      schema: { $ref: '#/components/schemas/Error' },
      examples: Object.fromEntries(codes.map((c) => [c, { value: {} }])),
    },
  },
});
const doc = {
  paths: {
    '/things/{id}': {
      get: {
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          '404': error(['NOT_FOUND']),
        },
      },
      delete: { responses: { '204': {} } },
    },
    '/things/{id}/file.pdf': {
      get: { responses: { '200': { content: { 'application/pdf': { schema: { type: 'string' } } } } } },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['id', 'note', 'at', 'ref'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          note: { type: 'string', nullable: true, example: 'x' },
          at: { type: 'string', format: 'date-time' },
          ref: { nullable: true, type: 'object', allOf: [{ $ref: '#/components/schemas/Ref' }] },
        },
      },
      Ref: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
      Error: { type: 'object', required: ['code'], properties: { code: { type: 'string' } } },
    },
  },
};
const thing = {
  id: '5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f',
  note: null,
  at: '2026-11-29T02:15:00.000Z',
  ref: null,
};
const get = (status: number, body: unknown, contentType = json) => ({
  method: 'GET',
  route: '/things/:id',
  status,
  contentType,
  body: JSON.stringify(body),
});

describe('OpenApiResponseValidator', () => {
  const v = new OpenApiResponseValidator(doc);

  it('accepts responses that agree: nullable fields null or typed, nested refs', () => {
    expect(v.check(get(200, thing))).toEqual([]);
    expect(v.check(get(200, { ...thing, note: 'n', ref: { id: 'r' } }))).toEqual([]);
    expect(v.check(get(404, { code: 'NOT_FOUND' }))).toEqual([]);
    expect(
      v.check({ method: 'DELETE', route: '/things/:id', status: 204, contentType: undefined, body: '' }),
    ).toEqual([]);
  });

  it('fails a field of the wrong type, a bad format, a missing or an undocumented field', () => {
    expect(v.check(get(200, { ...thing, note: 42 }))).not.toEqual([]);
    expect(v.check(get(200, { ...thing, id: 'not-a-uuid' }))).not.toEqual([]);
    expect(v.check(get(200, { ...thing, at: '29/11/2026' }))).not.toEqual([]);
    expect(v.check(get(200, { ...thing, ref: { id: 1 } }))).not.toEqual([]);
    const { note: _note, ...missing } = thing;
    expect(v.check(get(200, missing))).not.toEqual([]);
    expect(v.check(get(200, { ...thing, extra: 1 }))).not.toEqual([]);
  });

  it('fails an undocumented status, error code, content type or body', () => {
    expect(v.check(get(409, { code: 'CONFLICT' }))[0]).toContain('status not documented');
    expect(v.check(get(404, { code: 'FORBIDDEN' }))[0]).toContain('code FORBIDDEN not documented');
    expect(v.check(get(200, thing, 'text/html'))[0]).toContain('content type');
    expect(
      v.check({ method: 'DELETE', route: '/things/:id', status: 204, contentType: json, body: '{}' })[0],
    ).toContain('without a body');
    expect(v.check({ ...get(200, {}), route: '/other' })[0]).toContain('not in the document');
  });

  it("leaves out what is no part of the contract: the API docs and the residents' pages under /p/", () => {
    const page = {
      method: 'GET',
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: '<!doctype html>',
    };
    expect(v.check({ ...page, route: '/p/:sid' })).toEqual([]);
    expect(
      v.check({ ...page, route: '/p/disclosures/:did/objections', method: 'POST', status: 429 }),
    ).toEqual([]);
    expect(v.check({ ...page, route: '/api/docs' })).toEqual([]);
    expect(v.check({ ...page, route: '/pages' })[0]).toContain('not in the document');
  });

  it('checks only status and content type of binary answers', () => {
    const pdf = { method: 'GET', route: '/things/:id/file.pdf', status: 200, body: Buffer.from('%PDF-') };
    expect(v.check({ ...pdf, contentType: 'application/pdf' })).toEqual([]);
    expect(v.check({ ...pdf, contentType: json })).not.toEqual([]);
  });

  it('converts OpenAPI 3.0 nullable to JSON Schema', () => {
    expect(toJsonSchema({ type: 'string', nullable: true, example: 'x' })).toEqual({
      anyOf: [{ type: 'null' }, { type: 'string' }],
    });
  });
});
