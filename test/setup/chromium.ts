import chromium from '@sparticuz/chromium';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ENV_CHROMIUM_ARGS, ENV_CHROMIUM_FONTS, ENV_CHROMIUM_PATH } from './chromium-env';

const NOTO_SANS_SC = ['400Regular/NotoSansSC_400Regular.ttf', '700Bold/NotoSansSC_700Bold.ttf'].map((file) =>
  require.resolve(`@expo-google-fonts/noto-sans-sc/${file}`),
);
const READY = '.ready';

/**
 * Unpacks the Chromium that ships brotli-packed inside @sparticuz/chromium (`executablePath()`
 * inflates it into `os.tmpdir()`), beside a fontconfig folder with Noto Sans SC, and tells the
 * workers where both are (test/support/browser.ts). Called once, from Jest's global set-up.
 *
 * The package would unpack to /tmp/chromium and reuse whatever is there, even a half-written file
 * from a run killed mid-way, or another version. So it unpacks into a fresh folder of its own
 * (TMPDIR pointed there for the call), then renames that folder to `huzhu-chromium-<version>-<uid>` in one
 * step: a later run — or one racing this one — finds either nothing or a complete copy.
 * About 230 MB, kept for later runs: ~3 s the first time, nothing after.
 */
export async function prepareChromium(): Promise<void> {
  const version = (
    JSON.parse(readFileSync(join(packageDir(), 'package.json'), 'utf8')) as { version: string }
  ).version;
  // Per user too: a copy another user made is theirs (mode 0700) and cannot be used.
  const home = join(tmpdir(), `huzhu-chromium-${version}-${process.getuid?.() ?? 'user'}`);
  if (!existsSync(join(home, READY))) {
    const staging = await mkdtemp(`${home}.staging-`);
    try {
      const executable = await unpackInto(staging);
      if (executable !== join(staging, 'chromium')) throw new Error(`Chromium unpacked to ${executable}`);
      await addChineseFonts(staging, home);
      await writeFile(join(staging, READY), '');
      await publish(staging, home);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  process.env[ENV_CHROMIUM_PATH] = join(home, 'chromium');
  process.env[ENV_CHROMIUM_ARGS] = JSON.stringify(chromium.args);
  process.env[ENV_CHROMIUM_FONTS] = join(home, 'fonts-cjk');
}

function packageDir(): string {
  return dirname(dirname(require.resolve('@sparticuz/chromium'))); // …/build/index.js
}

async function unpackInto(dir: string): Promise<string> {
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    return await chromium.executablePath();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}

/** Noto Sans SC (400, 700) from npm and a fonts.conf naming only them, written for its final place `home`. */
async function addChineseFonts(staging: string, home: string): Promise<void> {
  const fonts = join(staging, 'fonts-cjk');
  await mkdir(fonts);
  for (const ttf of NOTO_SANS_SC) await copyFile(ttf, join(fonts, ttf.split('/').pop()!));
  const xml = (path: string) => path.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  await writeFile(
    join(fonts, 'fonts.conf'),
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${xml(join(home, 'fonts-cjk'))}</dir>
  <cachedir>${xml(join(home, 'fonts-cjk', 'cache'))}</cachedir>
</fontconfig>
`,
  );
}

/** Moves the finished copy into place; a complete copy already there (a racing run) is kept. */
async function publish(staging: string, home: string): Promise<void> {
  if (existsSync(home) && !existsSync(join(home, READY))) {
    await rm(home, { recursive: true, force: true }); // left by something other than this code
  }
  try {
    await rename(staging, home);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || !existsSync(join(home, READY))) throw err;
  }
}
