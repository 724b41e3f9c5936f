import pino from 'pino';
import { Writable } from 'node:stream';
import { errorSerializer, logDestination, logFormat, loggerOptions, requestSerializers } from './logging';

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

  it('logs a database error by its code and our stack, without the values it quotes (issue 6)', () => {
    const { stream, lines } = capture();
    const log = pino({ ...loggerOptions('info'), serializers: { err: errorSerializer } }, stream);
    // What pg gives for a lone surrogate in jsonb: the text around it in `where`, values in the message.
    const driverError = Object.assign(new Error('invalid input syntax for type uuid: "王小明"'), {
      code: '22P02',
      routine: 'json_ereport_error',
      where: 'JSON data, line 1: {"name":"王小明\\ud83d',
      detail: 'Unicode low surrogate must follow a high surrogate.',
      hint: 'see 13800138000',
    });
    const err = Object.assign(new Error(driverError.message), {
      name: 'QueryFailedError',
      query: 'INSERT INTO audit_events VALUES ($1)',
      parameters: ['{"phone":"13800138000"}'],
      driverError,
      where: driverError.where,
      cause: driverError,
    });
    log.error({ err }, 'unhandled error');
    const line = JSON.parse(lines()) as { err: Record<string, string> };
    expect(line.err).toMatchObject({ code: '22P02', routine: 'json_ereport_error' });
    expect(line.err.message).toBe('invalid input syntax for type uuid: "…"');
    expect(line.err.stack).toMatch(/^QueryFailedError: invalid input syntax for type uuid: "…"\n\s+at /);
    expect(lines()).not.toMatch(/王小明|13800138000|ud83d|surrogate/);
  });

  it('logs request paths without query strings (searches may hold names)', () => {
    const req = requestSerializers.req({ id: 'r1', method: 'GET', url: '/api/v1/users?q=张三' } as never);
    expect(req).toEqual({ id: 'r1', method: 'GET', url: '/api/v1/users' });
  });

  it('prints readable lines at a terminal and JSON otherwise; LOG_FORMAT decides when set', () => {
    expect(logFormat(undefined, true)).toBe('pretty');
    expect(logFormat(undefined, false)).toBe('json');
    expect(logFormat('json', true)).toBe('json'); // npm run start:prod
    expect(logFormat('pretty', false)).toBe('pretty');
    expect(logFormat('', true)).toBe('pretty');
    expect(logDestination('json')).toBeUndefined(); // pino's own JSON lines on stdout
  });

  it('pretty lines are readable and still redacted', () => {
    let out = '';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    try {
      const log = pino(loggerOptions('info'), logDestination('pretty'));
      log.info({ context: 'Auth', body: { phone: '13800138000', password: 'hunter2hunter2' } }, 'hello');
      log.info(
        { req: { id: 'r1', method: 'GET', url: '/health' }, res: { statusCode: 200 }, responseTime: 3 },
        'request completed',
      );
    } finally {
      write.mockRestore();
    }
    const plain = out.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), ''); // colours
    expect(plain).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: \[Auth\] hello$/m);
    expect(plain).toMatch(/INFO: GET \/health 200 3ms request completed$/m);
    expect(plain).not.toMatch(/^\{/m); // no JSON line
    expect(plain).not.toMatch(/13800138000|hunter2/);
    expect(plain).toContain('[redacted]');
  });
});
