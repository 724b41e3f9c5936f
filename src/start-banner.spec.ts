import { DemoInfo, demoLine, displayWidth, firstAdminLine, startBanner } from './start-banner';

const demo: DemoInfo = {
  societyName: '月亮湖社区互助社（演示）',
  pageUrl: 'http://localhost:3000/p/0b7c',
  password: 'Demo-pw_123',
  users: [
    { role: 'secretary', username: 'demo.secretary', displayName: '汪立群' },
    { role: 'board', username: 'demo.board1', displayName: '方志刚' },
    { role: 'board', username: 'demo.board2', displayName: '吴淑芬' },
    { role: 'treasurer', username: 'demo.cashier', displayName: '钱晓燕' },
  ],
};

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
    expect(banner).toContain('Console    http://localhost:3000/app/  (控制台)');
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

  it('shows the demo society once: its page, the shared password and the logins by role', () => {
    const banner = startBanner({ url, demo });
    const lines = banner.split('\n').filter(Boolean);
    expect(new Set(lines.map(displayWidth)).size).toBe(1);
    expect(banner).toContain('DEMO SOCIETY');
    expect(banner).toContain('page       http://localhost:3000/p/0b7c ');
    expect(banner).toContain('password   Demo-pw_123  (every demo user)');
    expect(banner).toContain('秘书长     demo.secretary (汪立群)');
    expect(banner).toContain('理事       demo.board1 … demo.board2 (2)');
    expect(banner).toContain('出纳       demo.cashier (钱晓燕)');
    expect(startBanner({ url })).not.toContain('DEMO');
  });

  it('gives JSON logs the demo logins on one line', () => {
    expect(demoLine(demo)).toBe(
      'created the demo society "月亮湖社区互助社（演示）", page http://localhost:3000/p/0b7c. Log in as demo.secretary (secretary), demo.board1 … demo.board2 (board), demo.cashier (treasurer) with password "Demo-pw_123" — shown only this once',
    );
  });

  it('counts CJK characters as two columns', () => {
    expect(displayWidth('Huzhu 互助')).toBe(10);
    expect(displayWidth('abc')).toBe(3);
  });
});
