import { AppError } from '../errors/app-error';
import { UuidPipe } from './uuid.pipe';

describe('UuidPipe', () => {
  const id = '0b7e2c4e-3f0a-4d5e-9c1b-2a3b4c5d6e7f';

  it('passes a UUID through', async () => {
    await expect(new UuidPipe('donation').transform(id)).resolves.toBe(id);
  });

  it.each(['not-a-uuid', '', '0b7e2c4e3f0a4d5e9c1b2a3b4c5d6e7f', `${id} `, "1' OR '1'='1"])(
    'answers 404 naming the entity for %p',
    async (value) => {
      const e = await new UuidPipe('donation').transform(value).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect([(e as AppError).code, (e as AppError).details]).toEqual(['NOT_FOUND', { entity: 'donation' }]);
    },
  );

  it('names the id in the details when asked (the donor 404 carries donorId)', async () => {
    const e = await new UuidPipe('donor', 'donorId').transform('x').catch((x: unknown) => x);
    expect((e as AppError).details).toEqual({ entity: 'donor', donorId: 'x' });
  });

  it('fails after work already under way (the validation of the body), so a bad body stays a 400', async () => {
    const order: string[] = [];
    const validation = (async () => {
      for (let i = 0; i < 100; i++) await Promise.resolve();
      order.push('validation');
    })();
    await Promise.all([new UuidPipe('donation').transform('x').catch(() => order.push('uuid')), validation]);
    expect(order).toEqual(['validation', 'uuid']);
  });
});
