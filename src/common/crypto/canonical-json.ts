// Deterministic serialization for the audit hash chain: the same data must hash the same on every
// machine and after every refactor, whatever order the properties were assigned in.
import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted by UTF-16 code unit at every depth and no whitespace.
 * - `undefined` object properties are dropped; `undefined` array slots become null (as JSON does).
 * - Dates become their ISO string. Non-finite numbers, bigints, functions, symbols, cycles and objects
 *   other than plain objects, arrays and Dates (Map, Set, Buffer, class instances) throw a TypeError:
 *   silently writing `{}` into an audit record would lose data.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set());
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

function write(value: unknown, ancestors: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${value}`);
      return JSON.stringify(value); // -0 is written 0
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: unsupported ${typeof value}`);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError('canonicalJson: invalid Date');
    return JSON.stringify(value.toISOString());
  }
  if (ancestors.has(value)) throw new TypeError('canonicalJson: circular structure');
  ancestors.add(value);
  let out: string;
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (let i = 0; i < value.length; i++)
      items.push(value[i] === undefined ? 'null' : write(value[i], ancestors));
    out = `[${items.join(',')}]`;
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`canonicalJson: unsupported object ${value.constructor?.name ?? ''}`);
    }
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort() // default sort compares UTF-16 code units
      .filter((k) => record[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${write(record[k], ancestors)}`);
    out = `{${members.join(',')}}`;
  }
  ancestors.delete(value);
  return out;
}
