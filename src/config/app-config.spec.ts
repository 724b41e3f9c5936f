import { ConfigError, loadConfig } from './app-config';

const base = {
  DATABASE_URL: 'postgres://u@localhost/db',
  JWT_SECRET: 'x'.repeat(32),
  PII_KEY: Buffer.alloc(32, 7).toString('base64'),
};

describe('loadConfig', () => {
  it('applies the defaults of API.md "Operations"', () => {
    const c = loadConfig(base);
    expect(c).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      ADMIN_USERNAME: 'admin',
      LOG_LEVEL: 'info',
      embedded: false,
    });
    expect(c.publicBaseUrl).toBe('http://localhost:3000');
    expect(
      loadConfig({ ...base, PORT: '8080', PUBLIC_BASE_URL: 'https://huzhu.example.cn/' }).publicBaseUrl,
    ).toBe('https://huzhu.example.cn');
  });

  it('takes LOG_FORMAT json or pretty, and names a wrong one', () => {
    expect(loadConfig(base).LOG_FORMAT).toBeUndefined(); // decided by the terminal (logging.ts)
    expect(loadConfig({ ...base, LOG_FORMAT: 'json' }).LOG_FORMAT).toBe('json');
    expect(() => loadConfig({ ...base, LOG_FORMAT: 'yaml' })).toThrow('LOG_FORMAT must be json or pretty');
  });

  it('refuses webhooks into private networks unless WEBHOOK_ALLOW_PRIVATE_NETWORKS=true', () => {
    expect(loadConfig(base).WEBHOOK_ALLOW_PRIVATE_NETWORKS).toBe(false);
    expect(loadConfig({ ...base, WEBHOOK_ALLOW_PRIVATE_NETWORKS: '' }).WEBHOOK_ALLOW_PRIVATE_NETWORKS).toBe(
      false,
    );
    expect(
      loadConfig({ ...base, WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' }).WEBHOOK_ALLOW_PRIVATE_NETWORKS,
    ).toBe(false);
    expect(
      loadConfig({ ...base, WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' }).WEBHOOK_ALLOW_PRIVATE_NETWORKS,
    ).toBe(true);
    for (const wrong of ['yes', '1', 'TRUE'])
      expect(() => loadConfig({ ...base, WEBHOOK_ALLOW_PRIVATE_NETWORKS: wrong })).toThrow(
        'WEBHOOK_ALLOW_PRIVATE_NETWORKS must be true or false',
      );
  });

  it('runs the scheduled jobs unless SCHEDULER=off, and names a wrong value', () => {
    expect(loadConfig(base).SCHEDULER).toBe('on'); // production: every instance may run them (locks)
    expect(loadConfig({ ...base, SCHEDULER: 'off' }).SCHEDULER).toBe('off');
    expect(() => loadConfig({ ...base, SCHEDULER: 'yes' })).toThrow('SCHEDULER must be on or off');
  });

  it('trusts X-Forwarded-For only from the configured proxies: none, a hop count or a list', () => {
    expect(loadConfig(base).TRUST_PROXY).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: '0' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ ...base, TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ ...base, TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,loopback' }).TRUST_PROXY).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
      'loopback',
    ]);
    expect(loadConfig({ ...base, TRUST_PROXY: 'fd00::/8' }).TRUST_PROXY).toEqual(['fd00::/8']);
  });

  it.each(['true', 'yes', '10.0.0.300', '10.0.0.0/33', 'fd00::/129', '10.0.0.1,', '-1', '1.5'])(
    'refuses TRUST_PROXY=%j (trusting every sender is the bug), naming the accepted forms',
    (value) => {
      expect(() => loadConfig({ ...base, TRUST_PROXY: value })).toThrow(
        /TRUST_PROXY must be false, a hop count/,
      );
    },
  );

  it('says every missing secret at once', () => {
    expect(() => loadConfig({ DATABASE_URL: base.DATABASE_URL })).toThrow(ConfigError);
    try {
      loadConfig({ DATABASE_URL: base.DATABASE_URL });
    } catch (e) {
      expect((e as Error).message).toContain('JWT_SECRET is required');
      expect((e as Error).message).toContain('PII_KEY is required');
    }
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ PII_KEY: Buffer.alloc(16).toString('base64') }, 'PII_KEY must be 32 bytes'],
    [{ PII_KEY_PREVIOUS: Buffer.alloc(31).toString('base64') }, 'PII_KEY_PREVIOUS must be 32 bytes'],
    [{ PII_KEY_PREVIOUS: Buffer.alloc(32, 7).toString('base64') }, 'PII_KEY_PREVIOUS is the same as PII_KEY'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD must be at least 10'],
    [{ PUBLIC_BASE_URL: 'not a url' }, 'PUBLIC_BASE_URL'],
    [{ PDF_FALLBACK_FONT: '/no/such/font.ttf' }, 'PDF_FALLBACK_FONT points to a file that does not exist'],
  ])('rejects %j', (patch, message) => {
    expect(() => loadConfig({ ...base, ...patch })).toThrow(message);
  });

  it('takes PII_KEY_PREVIOUS during a rotation, and none otherwise', () => {
    const previous = Buffer.alloc(32, 9).toString('base64');
    expect(loadConfig({ ...base, PII_KEY_PREVIOUS: previous }).PII_KEY_PREVIOUS).toBe(previous);
    expect(loadConfig({ ...base, PII_KEY_PREVIOUS: '' }).PII_KEY_PREVIOUS).toBeUndefined();
  });
});
