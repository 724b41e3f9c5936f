import { parseMultiHostUrl } from './multi-host';

describe('multi-host DATABASE_URL (libpq syntax)', () => {
  it('leaves a one-host URL to pg', () => {
    expect(parseMultiHostUrl('postgres://u:p@db:5432/huzhu?sslmode=require')).toBeUndefined();
    expect(parseMultiHostUrl('postgresql://db/huzhu')).toBeUndefined();
  });

  it('reads every host, the default port, and target_session_attrs', () => {
    const m = parseMultiHostUrl(
      'postgres://app:s3cr%40t@10.0.0.1:6001,10.0.0.2,[::1]:6003/huzhu?target_session_attrs=read-write&application_name=x',
    );
    expect(m).toEqual({
      hosts: [
        { host: '10.0.0.1', port: 6001 },
        { host: '10.0.0.2', port: 5432 },
        { host: '::1', port: 6003 },
      ],
      firstHostUrl: 'postgres://app:s3cr%40t@10.0.0.1:6001/huzhu?application_name=x',
      readWrite: true,
    });
  });

  it('any server will do unless read-write or primary is asked for', () => {
    expect(parseMultiHostUrl('postgres://a,b/d')?.readWrite).toBe(false);
    expect(parseMultiHostUrl('postgres://a,b/d?target_session_attrs=primary')?.readWrite).toBe(true);
    expect(parseMultiHostUrl('postgres://a,b/d?target_session_attrs=any')?.firstHostUrl).toBe(
      'postgres://a:5432/d',
    );
  });

  it('refuses a host it cannot read', () => {
    expect(() => parseMultiHostUrl('postgres://a,b:port/d')).toThrow(/b:port/);
  });
});
