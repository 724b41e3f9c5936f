import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { createTestDatabase } from '../setup/test-server';
import { Relay } from '../support/tcp-relay';

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
