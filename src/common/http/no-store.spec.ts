import Fastify from 'fastify';
import request from 'supertest';
import { registerNoStore } from './no-store';

describe('registerNoStore', () => {
  const app = Fastify();
  registerNoStore(app, '/api/v1');
  app.get('/*', async () => ({ ok: true }));
  beforeAll(() => app.ready());
  afterAll(() => app.close());

  it.each([
    ['/api/v1/users', 'no-store'],
    ['/api/v1/societies/x/donors?limit=5', 'no-store'],
    ['/api/v1', 'no-store'],
    ['/api/v1/public/societies/x', undefined],
    ['/api/v1public', undefined],
    ['/p/x', undefined],
    ['/health', undefined],
    ['/api/docs-json', undefined],
  ])('%s → Cache-Control %s', async (url, expected) => {
    const res = await request(app.server).get(url).expect(200);
    expect(res.headers['cache-control']).toBe(expected);
  });
});
