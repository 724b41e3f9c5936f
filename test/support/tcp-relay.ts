import { createConnection, createServer, Server, Socket } from 'node:net';

/**
 * A TCP relay between the app and PostgreSQL that a test can cut and restore: to the app this is
 * the database going away (every connection dropped, new ones refused) and coming back on the same
 * address. `url(databaseUrl)` is that database's URL through the relay.
 */
export class Relay {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  static to(databaseUrl: string): Relay {
    const u = new URL(databaseUrl);
    return new Relay({ host: u.hostname, port: Number(u.port || 5432) });
  }

  url(databaseUrl: string): string {
    const u = new URL(databaseUrl);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = createConnection(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
    this.port = (this.server.address() as { port: number }).port;
  }

  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server?.listening ? this.server.close(() => r()) : r()));
  }
}
