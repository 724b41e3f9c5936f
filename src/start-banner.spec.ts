import { displayWidth, firstAdminLine, startBanner } from './start-banner';

describe('start banner', () => {
  const url = 'http://localhost:3000';

  it('boxes the URL, the docs and the first-time admin login, every line the same width', () => {
    const banner = startBanner({ url, firstAdmin: { username: 'admin', password: 'S3cret-pw_x' } });
    const lines = banner.split('\n').filter(Boolean);
    expect(lines[0]).toMatch(/^╔═+╗$/);
    expect(lines[lines.length - 1]).toMatch(/^╚═+╝$/);
    expect(new Set(lines.map(displayWidth)).size).toBe(1); // 互助 counts two columns each
    expect(banner).toContain('URL        http://localhost:3000 ');
    expect(banner).toContain('API docs   http://localhost:3000/api/docs ');
    expect(banner).toContain('FIRST-TIME ADMIN LOGIN');
    expect(banner).toContain('username   admin ');
    expect(banner).toContain('password   S3cret-pw_x ');
    expect(banner).toContain('POST /api/v1/auth/password');
  });

  it('has no login block when the admin already existed', () => {
    const banner = startBanner({ url });
    expect(banner).toContain('API docs   http://localhost:3000/api/docs');
    expect(banner).not.toMatch(/ADMIN LOGIN|password {2}/);
  });

  it('gives JSON logs the login on one line', () => {
    expect(firstAdminLine({ username: 'admin', password: 'pw' })).toBe(
      'created the first admin. Log in as "admin" with password "pw" — shown only this once; change it with POST /api/v1/auth/password',
    );
  });

  it('counts CJK characters as two columns', () => {
    expect(displayWidth('Huzhu 互助')).toBe(10);
    expect(displayWidth('abc')).toBe(3);
  });
});
