import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { Client } from 'pg';
import { coalescingStream } from '../../src/database/coalescing-socket';
import { preparingClient, statementName } from '../../src/database/prepared-statements';
import { ENV_SERVER_URL } from '../setup/test-server';

/** The app's pooled connections (database.module.ts): statements prepared by name, writes coalesced. */
describe('pooled connections', () => {
  const url = () => process.env[ENV_SERVER_URL]!;
  const prepared = async (c: Client) =>
    (await c.query<{ name: string }>(`SELECT name FROM pg_prepared_statements ORDER BY name`)).rows.map(
      (r) => r.name,
    );

  it('prepares each parameterised statement once per connection and runs it by name after', async () => {
    const Preparing = preparingClient(Client);
    const c = new Preparing({ connectionString: url(), stream: coalescingStream });
    await c.connect();
    try {
      const text = 'SELECT $1::int + 1 AS n';
      for (const x of [1, 2, 3]) expect((await c.query(text, [x])).rows).toEqual([{ n: x + 1 }]);
      await c.query(`SELECT 'no parameters'`);
      expect(await prepared(c)).toEqual([statementName(text)]);
    } finally {
      await c.end();
    }
  });

  it('recovers a statement first sent in a failed transaction: the next use prepares it again', async () => {
    const c = new (preparingClient(Client))({ connectionString: url() });
    await c.connect();
    try {
      await c.query('BEGIN');
      await expect(c.query('SELECT 1 / 0')).rejects.toThrow(/division by zero/);
      await expect(c.query('SELECT $1::text AS t', ['x'])).rejects.toThrow(/aborted/);
      await c.query('ROLLBACK');
      expect((await c.query('SELECT $1::text AS t', ['y'])).rows).toEqual([{ t: 'y' }]);
      expect(await prepared(c)).toHaveLength(1);
    } finally {
      await c.end();
    }
  });

  it('names at most `max` statements per connection; the others still run, unnamed', async () => {
    const c = new (preparingClient(Client, 2))({ connectionString: url() });
    await c.connect();
    try {
      for (let i = 0; i < 5; i++)
        expect((await c.query(`SELECT $1::int * ${i} AS n`, [2])).rows).toEqual([{ n: 2 * i }]);
      expect(await prepared(c)).toHaveLength(2);
    } finally {
      await c.end();
    }
  });

  it('sends what one tick writes in one write to the socket', async () => {
    const server = createServer((peer: Socket) => peer.resume());
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const socket = coalescingStream();
    const writes: number[] = [];
    const internals = socket as unknown as {
      _write: (...a: unknown[]) => void;
      _writev: (chunks: unknown[], cb: () => void) => void;
    };
    const [single, vector] = [internals._write.bind(socket), internals._writev.bind(socket)];
    internals._write = (...a) => (writes.push(1), single(...a));
    internals._writev = (chunks, cb) => (writes.push(chunks.length), vector(chunks, cb));
    try {
      socket.connect((server.address() as { port: number }).port, '127.0.0.1');
      await once(socket, 'connect');
      for (const part of ['Parse', 'Bind', 'Describe', 'Execute', 'Sync']) socket.write(part);
      await new Promise((resolve) => setImmediate(resolve));
      expect(writes).toEqual([5]);
      socket.write('next tick');
      await new Promise((resolve) => setImmediate(resolve));
      expect(writes).toEqual([5, 1]);
    } finally {
      socket.destroy();
      server.close();
    }
  });
});
