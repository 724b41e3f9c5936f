import fc from 'fast-check';

/**
 * Arbitrary requests built from the served OpenAPI document, so a route added later is fuzzed
 * without anyone remembering to. Values are mostly plausible (so requests reach validation and
 * the services) and sometimes hostile: wrong types, missing and extra fields, NUL, lone
 * surrogates, emoji and CJK Extension B, huge strings, deep nesting, 1e400, -0, floats for fen,
 * SQL and HTML, malformed JSON, wrong content types, non-UUID path parameters, crafted cursors.
 */

/** JSON text to splice in as it is: numbers JSON.stringify cannot write (1e400, -0, 1.0), deep nesting. */
export class Raw {
  constructor(readonly text: string) {}
}

/** A name or phone number: collected when sent, so the test can check none reaches the log. */
export class Pii {
  constructor(readonly value: string) {}
}

/** A query or path value that is percent-encoded already (or deliberately malformed). */
export class Encoded {
  constructor(readonly text: string) {}
}

const OMIT = Symbol('omit');

/** `arb` once in `n` draws, else null. */
const oneIn = <T>(n: number, arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: n - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

export interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  example?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface Operation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

/** Values a test already has: real ids for path parameters and id fields, credentials. */
export interface Pools {
  ids: Record<string, string[]>;
  usernames: string[];
  passwords: string[];
  cursors: string[];
}

// --- hostile values --------------------------------------------------------------------------

const deep = (n: number) => new Raw(`${'['.repeat(n)}${']'.repeat(n)}`);
const deepObject = (n: number) => new Raw(`${'{"a":'.repeat(n)}1${'}'.repeat(n)}`);

const HOSTILE_STRINGS = [
  '',
  '   ',
  '\u3000\t\n',
  'a\u0000b',
  '\u0000',
  '王小明\ud83d',
  '\udc00',
  '😀👨‍👩‍👧',
  '𠀋𠀌𪚥', // CJK Extension B
  'a\uFE0F'.repeat(60), // 120 UTF-16 units that validator.js counts as 60 characters
  '\u202Eevil',
  "' OR '1'='1' --",
  "'); DROP TABLE societies; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '%',
  '_',
  '\\',
  '../../etc/passwd',
  'null',
  '1e400',
  '-0',
  '2026-02-30',
  '0000-01-01',
  '9999-12-31T23:59:59+14:00',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
];

const unicodeUnit = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\ud800', '\udfff', '\ud83d\ude00', '\u{2000B}') },
);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: unicodeUnit, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(101), '王'.repeat(501), 'y'.repeat(100_000)) },
);

const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    new Raw('1e400'),
    new Raw('-1e400'),
    new Raw('-0'),
    new Raw('1.0'),
    new Raw('1e2'),
    new Raw('0.1'),
    new Raw('123456789012345678901234567890'),
    0,
    -1,
    1.5,
    1e12 + 1,
    2 ** 53 + 2,
    Number.MIN_VALUE,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  {
    weight: 1,
    arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { a: 1 }, deep(3000), deepObject(3000)),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** A whole body that is not the expected object at all. */
const hostileBody: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    deep(3000),
    deepObject(3000),
    deep(50),
    new Raw('null'),
    new Raw('[]'),
    new Raw('"text"'),
    new Raw('12'),
    new Raw(''),
    new Raw('{'),
    new Raw('{"a":1,}'),
    new Raw("{'a':1}"),
    new Raw('{"__proto__":{"admin":true}}'),
    new Raw('{"constructor":{"prototype":{"admin":true}}}'),
    new Raw(`{"a":"${'z'.repeat(1024 * 1024)}"}`), // over 1 MiB
  ),
  fc.jsonValue({ maxDepth: 4 }),
);

// --- plausible values, by schema and field name ------------------------------------------------

// Distinctive compound surnames, so a name found in the log can only have come from a request.
const SURNAMES = ['司马', '欧阳', '上官', '诸葛', '慕容', '皇甫', '令狐', '东方', '西门', '独孤'];
const GIVEN = ['春燕', '建国', '秀英', '志强', '桂兰', '海峰', '红梅', '卫东'];
const piiName = fc
  .tuple(fc.constantFrom(...SURNAMES), fc.constantFrom(...GIVEN))
  .map(([s, g]) => new Pii(s + g));
const piiPhone = fc
  .tuple(fc.constantFrom('13', '15', '18', '19'), fc.integer({ min: 0, max: 999_999_999 }))
  .map(([p, n]) => new Pii(`${p}${String(n).padStart(9, '0')}`));

function resolve(schema: Schema, doc: OpenApiDoc): Schema {
  if (!schema.$ref) return schema;
  return doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')];
}

function plausible(
  name: string,
  schema: Schema,
  doc: OpenApiDoc,
  pools: Pools,
  depth: number,
): fc.Arbitrary<unknown> {
  const s = resolve(schema, doc);
  if (s.enum) return fc.constantFrom(...s.enum);
  const example = s.example !== undefined ? [fc.constant(s.example)] : [];
  if (s.type === 'object' || s.properties) return objectOf(s, doc, pools, depth + 1);
  if (s.type === 'array') {
    const items = s.items ? resolve(s.items, doc) : {};
    if (items.enum) return fc.subarray(items.enum, { minLength: 1 });
    return fc.array(plausible(name, items, doc, pools, depth + 1), { maxLength: 3 });
  }
  if (s.type === 'boolean') return fc.boolean();
  if (s.type === 'integer' || s.type === 'number') {
    if (name.endsWith('Fen')) return fc.oneof(fc.integer({ min: 1, max: 20_000 }), ...example);
    return fc.oneof(fc.integer({ min: 1, max: 100 }), ...example);
  }
  // Strings: by what the field holds.
  if (pools.ids[name]) return fc.oneof(fc.constantFrom(...pools.ids[name]), fc.uuid());
  if (/Id$/.test(name)) return fc.oneof(fc.uuid(), ...example);
  if (name === 'username')
    return fc.oneof(fc.constantFrom(...pools.usernames), fc.stringMatching(/^[a-z0-9_]{3,12}$/));
  if (name === 'password')
    return fc.oneof(fc.constantFrom(...pools.passwords), fc.string({ minLength: 10, maxLength: 20 }));
  if (/password/i.test(name)) return fc.string({ minLength: 8, maxLength: 20 });
  if (/name$/i.test(name)) return piiName;
  if (/phone$/i.test(name)) return piiPhone;
  if (name === 'timezone')
    return fc.constantFrom('Asia/Shanghai', 'Asia/Urumqi', 'UTC', 'Mars/Olympus', 'Etc/GMT+12');
  if (name === 'regionCode') return fc.oneof(fc.constant('341702001001'), fc.stringMatching(/^[0-9]{12}$/));
  if (name === 'receivedAt') {
    return fc.constantFrom(
      '2026-01-05',
      '1949-10-01',
      '1948-12-31',
      '2026-11-29T10:30:00+08:00',
      new Date().toISOString(),
    );
  }
  if (name === 'quorum' || name === 'approval')
    return fc.constantFrom('2/3', '1/2', '1/1', '3/2', '0/1', '1/0');
  return s.example !== undefined
    ? fc.oneof(
        { weight: 3, arbitrary: fc.constant(s.example) },
        { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
      )
    : fc.string({ maxLength: 30 });
}

/**
 * An object for the schema. `hostile`: each field mostly plausible, sometimes hostile or missing,
 * sometimes an extra field; else plausible fields only (optional ones sometimes left out), so
 * requests also get past validation into the services.
 */
function objectOf(
  schema: Schema,
  doc: OpenApiDoc,
  pools: Pools,
  depth: number,
  hostile = true,
): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.entries(schema.properties ?? {}).map(([name, prop]) => {
    const required = schema.required?.includes(name) ?? false;
    const value = depth > 4 ? fc.constant(OMIT) : plausible(name, prop, doc, pools, depth);
    const arb = hostile
      ? fc.oneof(
          { weight: required ? 12 : 6, arbitrary: value },
          { weight: 2, arbitrary: hostileValue },
          { weight: required ? 1 : 6, arbitrary: fc.constant(OMIT) },
        )
      : required
        ? value
        : fc.oneof(value, fc.constant(OMIT));
    return arb.map((v) => [name, v] as const);
  });
  const extraKey = fc.oneof(fc.constantFrom('isAdmin', '__proto__', 'a\u0000', '\ud800'), fc.string());
  const extra = hostile ? oneIn(8, fc.tuple(extraKey, hostileValue)) : fc.constant(null);
  return fc.tuple(fc.tuple(...fields), extra).map(([pairs, more]) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of pairs) if (v !== OMIT) out[k] = v;
    // defineProperty: a "__proto__" key stays an own property and is sent.
    if (more)
      Object.defineProperty(out, more[0], {
        value: more[1],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  });
}

// --- JSON text, query strings and paths ----------------------------------------------------------

/** JSON text for a value holding Raw and Pii parts; every Pii sent is added to `sent`. */
export function toJsonText(value: unknown, sent: Set<string>): string {
  if (value instanceof Raw) return value.text;
  if (value instanceof Pii) {
    sent.add(value.value);
    return JSON.stringify(value.value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => toJsonText(v, sent)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v, sent)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Percent-encodes every byte but the unreserved ones; a lone surrogate becomes U+FFFD, as UTF-8 must. */
export function encode(value: unknown, sent: Set<string>): string {
  if (value instanceof Encoded) return value.text;
  if (value instanceof Pii) sent.add(value.value);
  const s =
    value instanceof Pii ? value.value : typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

const hostilePathValue = fc.oneof(
  fc.constantFrom(
    new Encoded('%00'),
    new Encoded('%E0%A4%A'),
    new Encoded('%ED%A0%80'),
    new Encoded('%F0%9F%98%80'),
    new Encoded('%2e%2e'),
    new Encoded('%2F'),
    new Encoded('a'.repeat(150)),
    new Encoded('%27%20OR%20%271%27%3D%271'),
    'not-a-uuid',
    '00000000-0000-0000-0000-000000000000',
  ),
  fc.uuid(),
  hostileString,
);

const base64url = (s: string) => Buffer.from(s).toString('base64url');

/** Cursors a client could craft: JSON arrays of anything, broken base64, NUL, plus real ones seen. */
export function cursorArb(pools: Pools): fc.Arbitrary<unknown> {
  const part = fc.oneof(
    fc.string({ unit: unicodeUnit, maxLength: 10 }),
    fc.integer(),
    fc.double(),
    fc.uuid(),
    fc.constant(null),
    fc.constantFrom(1.5, -1, 1e300, '2026-02-30 10:00:00+08', '王\u0000'),
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.array(part, { maxLength: 3 }).map((a) => base64url(JSON.stringify(a))) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '%%%',
        '',
        '=',
        'W10',
        base64url('["a","not-a-uuid"]'),
        base64url('[1.5]'),
        base64url('{}'),
        base64url('x'.repeat(400)),
      ),
    },
    { weight: 2, arbitrary: pools.cursors.length ? fc.constantFrom(...pools.cursors) : fc.constant('W10') },
    { weight: 1, arbitrary: hostileString },
  );
}

export interface FuzzRequest {
  method: string;
  /** The URL, path and query percent-encoded. */
  url: string;
  headers: Record<string, string>;
  /** Raw body text; undefined for none. */
  body?: string;
}

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/xml',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  'application/vnd.api+json',
];

/** Requests for one operation: path parameters real or hostile, the body or query fuzzed. */
export function requestArb(
  method: string,
  path: string,
  op: Operation,
  doc: OpenApiDoc,
  pools: Pools,
  sent: Set<string>,
): fc.Arbitrary<FuzzRequest> {
  const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
  const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
  const pathArb = fc.tuple(
    ...pathParams.map((p) =>
      fc.oneof(
        { weight: 9, arbitrary: pools.ids[p.name] ? fc.constantFrom(...pools.ids[p.name]) : fc.uuid() },
        { weight: 1, arbitrary: hostilePathValue },
      ),
    ),
  );
  const queryArb = fc.tuple(
    fc.tuple(
      ...queryParams.map((p) => {
        const value =
          p.name === 'cursor'
            ? cursorArb(pools)
            : p.name === 'q'
              ? fc.oneof(piiName, piiPhone, hostileString)
              : fc.oneof(
                  { weight: 4, arbitrary: plausible(p.name, p.schema ?? {}, doc, pools, 0) },
                  { weight: 1, arbitrary: hostileString },
                  { weight: 1, arbitrary: hostileNumber },
                );
        return fc
          .option(
            fc.oneof(
              { weight: 6, arbitrary: value.map((v) => [v]) },
              { weight: 1, arbitrary: fc.array(value, { minLength: 2, maxLength: 3 }) },
            ),
            { freq: 2 },
          )
          .map((vs) => (vs ? vs.map((v) => [p.name, v] as [string, unknown]) : []));
      }),
    ),
    oneIn(8, fc.tuple(fc.constantFrom('foo', 'limit[]', '__proto__', '%00'), hostileString)),
  );
  const schema = op.requestBody?.content['application/json']?.schema;
  const bodyArb = ['post', 'put', 'patch'].includes(method)
    ? fc.oneof(
        {
          weight: 3,
          arbitrary: schema ? objectOf(resolve(schema, doc), doc, pools, 0, false) : fc.constant({}),
        },
        { weight: 6, arbitrary: schema ? objectOf(resolve(schema, doc), doc, pools, 0) : fc.constant({}) },
        { weight: 1, arbitrary: hostileBody },
      )
    : fc.constant(undefined);
  const shapeArb = fc.record({
    malformed: oneIn(20, fc.oneof(fc.nat(), fc.constantFrom('}', ',', '\u0000', 'garbage'))),
    contentType: fc.oneof(
      { weight: 15, arbitrary: fc.constant('application/json') },
      { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
    ),
    idempotencyKey: oneIn(
      3,
      fc.oneof(fc.constantFrom('fuzz-key-1', 'fuzz-key-2', '', 'k'.repeat(201)), fc.uuid()),
    ),
    lang: fc.constantFrom('zh', 'en', 'en-US,en;q=0.9', 'fr'),
  });
  return fc
    .tuple(pathArb, queryArb, bodyArb, shapeArb)
    .map(([pathValues, [queryPairs, extraQuery], body, shape]) => {
      let i = 0;
      const url = path.replace(/\{\w+\}/g, () => encode(pathValues[i++], sent));
      const pairs = [...queryPairs.flat(), ...(extraQuery ? [extraQuery] : [])];
      const query = pairs.map(([k, v]) => `${encode(k, sent)}=${encode(v, sent)}`).join('&');
      const headers: Record<string, string> = { 'Accept-Language': shape.lang };
      if (shape.idempotencyKey !== null) headers['Idempotency-Key'] = shape.idempotencyKey;
      let text: string | undefined;
      if (body !== undefined) {
        text = toJsonText(body, sent);
        const m = shape.malformed;
        if (typeof m === 'number') text = text.slice(0, m % Math.max(1, text.length));
        else if (m !== null) text += m;
        headers['Content-Type'] = shape.contentType;
      }
      return { method, url: query ? `${url}?${query}` : url, headers, body: text };
    });
}
