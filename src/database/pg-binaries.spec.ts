import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedBinaries, packageBinaries, PgBinaries } from './pg-binaries';
import { folderBlocking, PostgresUser } from './postgres-user';

/** Anyone but the owner of the test folders: passes only through bits meant for "others". */
const STRANGER: PostgresUser = { uid: 54321, gid: 54321 };

describe('PostgreSQL binaries for root (a cache outside the checkout)', () => {
  let work: string;
  let source: PgBinaries;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'huzhu-bin-'));
    chmodSync(work, 0o755);
    // A small stand-in for the package's native/ folder: a program, a library and its relative link.
    const native = join(work, 'checkout', 'native');
    mkdirSync(join(native, 'bin'), { recursive: true });
    mkdirSync(join(native, 'lib'));
    mkdirSync(join(native, 'share'));
    writeFileSync(join(native, 'bin', 'initdb'), '#!/bin/sh\necho initdb 17\n', { mode: 0o700 });
    writeFileSync(join(native, 'bin', 'postgres'), '#!/bin/sh\n', { mode: 0o700 });
    writeFileSync(join(native, 'lib', 'libpq.so.5.17'), 'lib', { mode: 0o600 });
    symlinkSync('libpq.so.5.17', join(native, 'lib', 'libpq.so'));
    writeFileSync(join(native, 'share', 'postgres.bki'), 'bki', { mode: 0o600 });
    chmodSync(join(work, 'checkout'), 0o700); // what the postgres user cannot enter
    source = { nativeDir: native, initdb: '', postgres: '', version: '17.0-test' };
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('copies the whole native folder once, readable by everyone, links kept relative, keyed by version', () => {
    const base = join(work, 'cache');
    const bin = cachedBinaries(STRANGER, [base], source);
    const copy = join(base, `postgres-17.0-test-${process.platform}-${process.arch}`);
    expect(bin.nativeDir).toBe(copy);
    expect(bin.initdb).toBe(join(copy, 'bin', 'initdb'));
    expect(execFileSync(bin.initdb).toString()).toBe('initdb 17\n');
    expect(statSync(bin.initdb).mode & 0o777).toBe(0o755);
    expect(statSync(join(copy, 'lib', 'libpq.so.5.17')).mode & 0o777).toBe(0o644);
    expect(statSync(join(copy, 'share')).mode & 0o777).toBe(0o755);
    expect(readlinkSync(join(copy, 'lib', 'libpq.so'))).toBe('libpq.so.5.17');
    expect(statSync(base).mode & 0o777).toBe(0o755);
    expect(folderBlocking(bin.initdb, STRANGER)).toBeUndefined();

    // Started again (or by a second process): the finished copy is used, no temporary one is left.
    const again = cachedBinaries(STRANGER, [base], source);
    expect(again.nativeDir).toBe(copy);
    expect(readdirSync(base)).toEqual([`postgres-17.0-test-${process.platform}-${process.arch}`]);
  });

  it('passes over a folder others may write to, and leaves its mode alone', () => {
    const open = join(work, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const bin = cachedBinaries(STRANGER, [open, join(work, 'cache')], source);
    expect(bin.nativeDir.startsWith(join(work, 'cache'))).toBe(true);
    expect(readdirSync(open)).toEqual([]);
    expect(statSync(open).mode & 0o777).toBe(0o777);
  });

  it('says why when no folder will do, without opening any', () => {
    const closed = join(work, 'closed');
    mkdirSync(closed, { mode: 0o700 });
    chmodSync(closed, 0o700);
    expect(() => cachedBinaries(STRANGER, [join(closed, 'cache')], source)).toThrow(
      `the postgres user cannot enter ${closed}`,
    );
    expect(statSync(closed).mode & 0o777).toBe(0o700);
  });

  it('finds the installed package and its version', () => {
    const bin = packageBinaries();
    expect(bin.version).toMatch(/^\d+\.\d+/);
    expect(existsSync(bin.initdb)).toBe(true);
    expect(existsSync(join(bin.nativeDir, 'share'))).toBe(true);
  });
});

describe('folderBlocking', () => {
  it('names the first folder the postgres user may not pass, or none', () => {
    const outer = mkdtempSync(join(tmpdir(), 'huzhu-block-'));
    try {
      mkdirSync(join(outer, 'inner'));
      chmodSync(outer, 0o700);
      expect(folderBlocking(join(outer, 'inner'), STRANGER)).toBe(outer);
      chmodSync(outer, 0o711);
      expect(folderBlocking(join(outer, 'inner'), STRANGER)).toBeUndefined();
    } finally {
      rmSync(outer, { recursive: true, force: true });
    }
  });
});
