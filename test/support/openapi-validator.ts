import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** What the e2e hook saw of one response. */
export interface ObservedResponse {
  method: string;
  /** Fastify's route pattern, e.g. `/api/v1/societies/:sid/donors`; undefined when no route matched. */
  route: string | undefined;
  status: number;
  contentType: string | undefined;
  /** The serialized body as sent; undefined for a stream. */
  body: string | Buffer | null | undefined;
}

type Schema = Record<string, unknown>;
interface MediaType {
  schema?: Schema;
  examples?: Record<string, unknown>;
}
interface Response {
  content?: Record<string, MediaType>;
}
interface Document {
  paths: Record<string, Record<string, { responses: Record<string, Response> }>>;
  components?: { schemas?: Record<string, Schema> };
}

const DOC_ID = 'huzhu-openapi.json';
/** Routes outside the contract: Swagger UI and the document itself, the residents' HTML pages (/p/…). */
const UNDOCUMENTED = /^\/(api\/docs(\/|-json|$)|p\/|app(\/|$)|$)/;
/** Annotation-only OpenAPI keywords JSON Schema (ajv strict) does not know. */
const DROPPED = new Set(['nullable', 'example', 'xml', 'externalDocs', 'discriminator', 'deprecated']);

/**
 * OpenAPI 3.0 schema → JSON Schema (draft-07): `nullable` becomes `anyOf [null, …]`, component refs
 * point into one added schema, and every object with documented properties is closed
 * (`additionalProperties: false`), so an undocumented field in a response is a mismatch too.
 */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const s = schema as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(s)) {
    if (DROPPED.has(key)) continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace('#/components/schemas/', `${DOC_ID}#/definitions/`);
    } else if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Schema).map(([name, sub]) => [name, toJsonSchema(sub)]),
      );
    } else if (['items', 'additionalProperties', 'not', 'allOf', 'anyOf', 'oneOf'].includes(key)) {
      out[key] = toJsonSchema(value);
    } else {
      out[key] = value;
    }
  }
  if (out.properties && !('additionalProperties' in out)) out.additionalProperties = false;
  return s.nullable === true ? { anyOf: [{ type: 'null' }, out] } : out;
}

/** Checks responses against an OpenAPI 3.0 document: status, content type, body and error codes. */
export class OpenApiResponseValidator {
  private readonly ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly doc: Document) {
    addFormats(this.ajv);
    const definitions = Object.fromEntries(
      Object.entries(doc.components?.schemas ?? {}).map(([name, s]) => [name, toJsonSchema(s)]),
    );
    this.ajv.addSchema({ $id: DOC_ID, definitions });
  }

  /** The problems with one response; empty when it agrees with the document. */
  check(r: ObservedResponse): string[] {
    if (r.route === undefined || UNDOCUMENTED.test(r.route)) return [];
    const path = r.route.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const method = r.method.toLowerCase();
    const where = `${r.method} ${path} → ${r.status}`;
    const op = this.doc.paths[path]?.[method];
    if (!op) return [`${where}: the operation is not in the document`];
    const key = [String(r.status), `${String(r.status)[0]}XX`, 'default'].find((k) => op.responses[k]);
    if (!key) {
      return [`${where}: status not documented (documented: ${Object.keys(op.responses).join(', ')})`];
    }
    const content = op.responses[key].content;
    const size = r.body === undefined || r.body === null ? 0 : r.body.length;
    if (!content) return size === 0 ? [] : [`${where}: documented without a body, but one was sent`];
    const type = (r.contentType ?? '').split(';')[0].trim().toLowerCase();
    const media = content[type];
    if (!media)
      return [`${where}: content type "${type}" not documented (${Object.keys(content).join(', ')})`];
    if (type !== 'application/json' || !media.schema || r.body === undefined) return [];

    let body: unknown;
    try {
      body = JSON.parse(r.body === null ? '' : r.body.toString());
    } catch {
      return [`${where}: the body is not JSON`];
    }
    const validate = this.validatorFor(`${method} ${path} ${key}`, media.schema);
    const problems = validate(body)
      ? []
      : (validate.errors ?? []).map(
          (e) => `${where}: body${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
        );
    // Error answers list their codes as examples (ApiErrors); any other code is undocumented.
    const code = (body as { code?: unknown } | null)?.code;
    if (r.status >= 400 && media.examples && typeof code === 'string' && !(code in media.examples)) {
      problems.push(`${where}: code ${code} not documented (${Object.keys(media.examples).join(', ')})`);
    }
    return problems.map((p) => `${p}\n    body: ${truncate(JSON.stringify(body))}`);
  }

  private validatorFor(key: string, schema: Schema): ValidateFunction {
    let fn = this.compiled.get(key);
    if (!fn) {
      fn = this.ajv.compile(toJsonSchema(schema) as Schema);
      this.compiled.set(key, fn);
    }
    return fn;
  }
}

function truncate(s: string): string {
  return s.length > 600 ? `${s.slice(0, 600)}…` : s;
}
