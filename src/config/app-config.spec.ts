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

  it('trusts X-Forwarded-For only when told to', () => {
    expect(loadConfig(base).TRUST_PROXY).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ ...base, TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
  });

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
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD must be at least 10'],
    [{ PUBLIC_BASE_URL: 'not a url' }, 'PUBLIC_BASE_URL'],
    [{ PDF_FALLBACK_FONT: '/no/such/font.ttf' }, 'PDF_FALLBACK_FONT points to a file that does not exist'],
  ])('rejects %j', (patch, message) => {
    expect(() => loadConfig({ ...base, ...patch })).toThrow(message);
  });
});
