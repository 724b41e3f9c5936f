import pino from 'pino';
import { Writable } from 'node:stream';
import { loggerOptions, requestSerializers } from './logging';

function capture(): { stream: Writable; lines: () => string } {
  let out = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      out += chunk.toString();
      cb();
    },
  });
  return { stream, lines: () => out };
}

describe('logging', () => {
  it('redacts personal data and credentials', () => {
    const { stream, lines } = capture();
    const log = pino(loggerOptions('info'), stream);
    log.info({
      req: { headers: { authorization: 'Bearer secret-token' } },
      body: {
        password: 'hunter2hunter2',
        phone: '13800138000',
        idNumber: '11010519491231002X',
        applicant: { name: '张三' },
      },
    });
    expect(lines()).not.toMatch(/secret-token|hunter2|13800138000|11010519491231002X|张三/);
    expect(lines()).toContain('[redacted]');
  });

  it('redacts the parameters and key values of database errors', () => {
    const { stream, lines } = capture();
    const log = pino(loggerOptions('info'), stream);
    const err = Object.assign(new Error('duplicate key'), {
      parameters: ['张三', '13800138000'],
      detail: 'Key (name)=(张三) already exists.',
      driverError: { parameters: ['张三'], detail: 'Key (name)=(张三) already exists.' },
    });
    log.error({ err });
    expect(lines()).toContain('duplicate key');
    expect(lines()).not.toMatch(/张三|13800138000/);
  });

  it('logs request paths without query strings (searches may hold names)', () => {
    const req = requestSerializers.req({ id: 'r1', method: 'GET', url: '/api/v1/users?q=张三' } as never);
    expect(req).toEqual({ id: 'r1', method: 'GET', url: '/api/v1/users' });
  });
});
