import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** PostgreSQL refuses to run as root: root runs it as this system user. */
export interface PostgresUser {
  uid: number;
  gid: number;
}

/** The `postgres` system user, created (no home, no login) when missing. */
export function ensurePostgresUser(notice: (line: string) => void): PostgresUser {
  const found = lookUp();
  if (found) return found;
  tryRun('groupadd', ['--system', 'postgres']); // fails harmlessly when the group exists
  tryRun('useradd', [
    '--system',
    '--gid',
    'postgres',
    '--no-create-home',
    '--home-dir',
    '/nonexistent',
    '--shell',
    '/usr/sbin/nologin',
    'postgres',
  ]);
  const created = lookUp(); // another process may have created it meanwhile: fine too
  if (!created) throw new Error('running as root, and the postgres system user could not be created');
  notice('created the postgres system user to run the embedded PostgreSQL as (it refuses root)');
  return created;
}

/**
 * The first of `path` and its ancestors that the postgres user may not pass through (plain mode bits;
 * undefined: none). Huzhu reports it rather than changing the mode of a folder it did not create.
 */
export function folderBlocking(path: string, pg: PostgresUser): string | undefined {
  for (let d = resolve(path); ; d = dirname(d)) {
    const { mode, uid, gid } = statSync(d);
    const bit = uid === pg.uid ? 0o100 : gid === pg.gid ? 0o010 : 0o001;
    if ((mode & bit) === 0) return d;
    if (dirname(d) === d) return undefined;
  }
}

/** Creates `dir` and its missing ancestors; only those this call creates are set to 0755. */
export function makeFolders(dir: string): void {
  const first = mkdirSync(dir, { recursive: true });
  if (first === undefined) return;
  for (let d = resolve(dir); ; d = dirname(d)) {
    chmodSync(d, 0o755); // umask-proof: the postgres user must pass through
    if (d === resolve(first)) return;
  }
}

function lookUp(): PostgresUser | undefined {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { stdio: 'pipe' }).toString());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

function tryRun(command: string, args: string[]): void {
  try {
    execFileSync(command, args, { stdio: 'pipe' });
  } catch {
    // checked by the caller's second look-up
  }
}
