import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedClusterDir } from './runtime';

describe('embeddedClusterDir (where the embedded cluster lives)', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'huzhu-cluster-'));
    chmodSync(work, 0o755);
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('is DATA_DIR/pg for a user other than root', () => {
    expect(embeddedClusterDir('/home/u/huzhu/data', undefined, false, join(work, 'lib'))).toBe(
      '/home/u/huzhu/data/pg',
    );
  });

  it('is EMBEDDED_PG_DIR when set', () => {
    expect(embeddedClusterDir('/root/huzhu/data', '/srv/pg', true, join(work, 'lib'))).toBe('/srv/pg');
  });

  it('as root, is a folder per DATA_DIR outside it, labelled with the DATA_DIR it belongs to', () => {
    const lib = join(work, 'lib');
    const dir = embeddedClusterDir('/root/huzhu/data', undefined, true, lib);
    expect(dir).toMatch(new RegExp(`^${lib}/[0-9a-f]{16}/pg$`));
    expect(embeddedClusterDir('/root/huzhu/data', undefined, true, lib)).toBe(dir);
    expect(embeddedClusterDir('/root/other/data', undefined, true, lib)).not.toBe(dir);
    expect(readFileSync(join(dir, '..', 'data-dir.txt'), 'utf8')).toContain('/root/huzhu/data');
    // The postgres user must pass through what was created here.
    expect(statSync(lib).mode & 0o777).toBe(0o755);
    expect(statSync(join(dir, '..')).mode & 0o777).toBe(0o755);
  });

  it('as root, keeps using a cluster already in DATA_DIR/pg', () => {
    const dataDir = join(work, 'data');
    mkdirSync(join(dataDir, 'pg'), { recursive: true });
    writeFileSync(join(dataDir, 'pg', 'PG_VERSION'), '17\n');
    expect(embeddedClusterDir(dataDir, undefined, true, join(work, 'lib'))).toBe(join(dataDir, 'pg'));
  });
});
