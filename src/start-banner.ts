/** What a person needs once the service is up; the admin login and the demo only the first time. */
export interface StartInfo {
  url: string;
  firstAdmin?: { username: string; password: string };
  demo?: DemoInfo;
}

/** The demo society created by this start (src/demo/): its residents' page and its logins. */
export interface DemoInfo {
  societyName: string;
  pageUrl: string;
  /** One generated password shared by every demo user. */
  password: string;
  users: { role: string; username: string; displayName: string }[];
}

const ROLE_LABELS: Record<string, string> = {
  secretary: '秘书长',
  board: '理事',
  treasurer: '出纳',
  supervisor: '监事',
  collector: '信息员',
};

/** The demo users by role, in the order given: `[role, "username (name)" or "first … last"]`. */
function demoUsersByRole(demo: DemoInfo): [string, string][] {
  const roles = [...new Set(demo.users.map((u) => u.role))];
  return roles.map((role) => {
    const holders = demo.users.filter((u) => u.role === role);
    const [first] = holders;
    const last = holders[holders.length - 1];
    const who =
      holders.length === 1
        ? `${first.username} (${first.displayName})`
        : `${first.username} … ${last.username} (${holders.length})`;
    return [role, who];
  });
}

/** The demo's logins on one line, for JSON logs. */
export function demoLine(demo: DemoInfo): string {
  const users = demoUsersByRole(demo)
    .map(([role, who]) => `${who.replace(/ \(.*\)$/, '')} (${role})`)
    .join(', ');
  return `created the demo society "${demo.societyName}", page ${demo.pageUrl}. Log in as ${users} with password "${demo.password}" — shown only this once`;
}

export const PASSWORD_CHANGE = 'POST /api/v1/auth/password';

/** The one-line form, for JSON logs (the lifecycle test and operators' scripts read it). */
export function firstAdminLine(admin: { username: string; password: string }): string {
  return `created the first admin. Log in as "${admin.username}" with password "${admin.password}" — shown only this once; change it with ${PASSWORD_CHANGE}`;
}

/** A boxed block for a terminal: the address, the docs and, the first time, the admin login. */
export function startBanner(info: StartInfo): string {
  const lines = [
    'Huzhu 互助 is running',
    '',
    `  URL        ${info.url}`,
    `  Console    ${info.url}/app/  (控制台)`,
    `  API docs   ${info.url}/api/docs`,
    `  Health     ${info.url}/health`,
  ];
  if (info.firstAdmin)
    lines.push(
      '',
      '>>> FIRST-TIME ADMIN LOGIN — shown only this once, write it down <<<',
      `  username   ${info.firstAdmin.username}`,
      `  password   ${info.firstAdmin.password}`,
      `  then change the password (${PASSWORD_CHANGE})`,
    );
  if (info.demo) {
    const label = (text: string) => text + ' '.repeat(Math.max(1, 11 - displayWidth(text)));
    lines.push(
      '',
      '>>> DEMO SOCIETY — shown only this once, write the password down <<<',
      `  ${info.demo.societyName}`,
      `  page       ${info.demo.pageUrl}`,
      `  password   ${info.demo.password}  (every demo user)`,
      ...demoUsersByRole(info.demo).map(([role, who]) => `  ${label(ROLE_LABELS[role] ?? role)}${who}`),
    );
  }
  lines.push('', 'Stop with Ctrl+C.');
  const width = Math.max(...lines.map(displayWidth));
  const pad = (line: string) => line + ' '.repeat(width - displayWidth(line));
  return [
    '',
    `╔═${'═'.repeat(width)}═╗`,
    ...lines.map((line) => `║ ${pad(line)} ║`),
    `╚═${'═'.repeat(width)}═╝`,
    '',
  ].join('\n');
}

/** Columns a terminal gives the text: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;
