// PostgreSQL parses and plans an unnamed statement again on every execution. The app sends the same
// few hundred statement texts over and over, several of them CTEs that take longer to plan than to
// run, so each pooled connection prepares every parameterised statement once, under a name derived
// from its text, and executes it by name afterwards (the server may then reuse a generic plan). On
// the city's data, a donation's 13 statements took 8.8 ms sequentially before, 4.8 ms after; with
// coalesced writes (coalescing-socket.ts), donations at 16 connections +35 % (BENCHMARKS.md).
import { createHash } from 'node:crypto';
import { Client } from 'pg';

/**
 * Distinct statements one connection prepares; later ones run unnamed. Bounds the server's memory
 * should some code path ever build statement texts without end (an IN list per length, say).
 */
export const MAX_PREPARED_PER_CONNECTION = 500;

/** The statement's name: its text's digest (one text, one name, on every connection). */
export function statementName(text: string): string {
  return `h${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
}

type Query = (...args: unknown[]) => unknown;

/**
 * `Base` (pg's Client, or a subclass such as the multi-host one) preparing its statements by name,
 * at most `max` of them per connection.
 */
export function preparingClient(
  Base: typeof Client = Client,
  max = MAX_PREPARED_PER_CONNECTION,
): typeof Client {
  class PreparingClient extends Base {
    /** Statement text → its name, for the statements this connection has prepared. */
    readonly names = new Map<string, string>();
  }
  // Base's query as it is when called (not captured now): a probe that wraps pg's Client.prototype
  // .query later (a test counting statements, the bench's counter) still sees every statement.
  const query = (self: PreparingClient, ...args: unknown[]) =>
    (Base.prototype.query as Query).call(self, ...args);
  // query() has a dozen overloads; the one TypeORM and the repositories use is (text, values[, cb]).
  (PreparingClient.prototype as unknown as { query: Query }).query = function (
    this: PreparingClient,
    config: unknown,
    values?: unknown,
    ...rest: unknown[]
  ) {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0) {
      // The text's own lookup first: hashing it again on every execution would cost more than the map.
      let name = this.names.get(config);
      if (name === undefined && this.names.size < max) {
        name = statementName(config);
        this.names.set(config, name);
      }
      if (name !== undefined) return query(this, { name, text: config, values }, ...rest);
    }
    return query(this, config, values, ...rest);
  };
  return PreparingClient;
}
