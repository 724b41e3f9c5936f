import { randomBytes } from 'node:crypto';
import { createConnection, createServer, Server, Socket } from 'node:net';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { createTestDatabase } from '../setup/test-server';

/**
 * A TCP relay between the app and PostgreSQL that the test can cut and restore: to the app this is
 * the database going away (every connection dropped, new ones refused) and coming back.
 */
class Relay {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

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
    await new Promise<void>((r) => this.server!.close(() => r()));
  }
}

describe('/health when the database goes away and comes back', () => {
  it('answers 503 while PostgreSQL is unreachable and ok again after it returns, without a restart', async () => {
    const db = await createTestDatabase();
    const target = new URL(db.url);
    const relay = new Relay({ host: target.hostname, port: Number(target.port || 5432) });
    await relay.open();
    const viaRelay = new URL(db.url);
    viaRelay.hostname = '127.0.0.1';
    viaRelay.port = String(relay.port);
    const app = await createApp(
      loadConfig({
        DATABASE_URL: viaRelay.toString(),
        JWT_SECRET: randomBytes(32).toString('hex'),
        PII_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'silent',
      }),
    );
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const http = request(app.getHttpServer());
    try {
      expect((await http.get('/health').expect(200)).body).toEqual({ status: 'ok', database: 'up' });

      await relay.cut();
      const down = await http.get('/health').expect(503);
      expect(down.body).toMatchObject({ status: 'error', database: 'down', code: 'SERVICE_UNAVAILABLE' });
      await http.get('/health').expect(503);

      await relay.open();
      let status = 0;
      for (let i = 0; i < 50 && status !== 200; i++) {
        status = (await http.get('/health')).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 200));
      }
      expect(status).toBe(200);
    } finally {
      await app.close();
      await relay.cut().catch(() => undefined);
      await db.drop();
    }
  });
});
