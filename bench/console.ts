// `npm run bench -- console`: the web console's first screens on a slow phone network, in real
// Chromium (the tests' @sparticuz/chromium) under Chrome DevTools' "Fast 3G" profile: 562.5 ms round
// trip, 1.44 Mbit/s down, 675 kbit/s up. Target (issue 11): the first screen usable within 3 s.
// The app runs from the sources on a fresh database with the demo society; the console is the real
// build in web/dist (scripts/build-console.mjs), served compressed as `npm start` serves it.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../src/database/migrate';
import { prepareChromium } from '../test/setup/chromium';
import { launchBrowser, phoneContext } from '../test/support/browser';
import { freePort } from './procs';

const ROOT = join(__dirname, '..');
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** Chrome DevTools' (and Puppeteer's PredefinedNetworkConditions) "Fast 3G". */
export const FAST_3G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
};

export interface ConsoleBench {
  rows: { step: string; medianMs: number; maxMs: number; bytes: number }[];
  settings: string;
}

function dbUrl(name: string): string {
  const u = new URL(SERVER_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(sql: string): Promise<void> {
  const c = new Client({ connectionString: SERVER_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** The app on a port with the demo society; resolves with its address and the demo password. */
async function startDemoApp(databaseUrl: string) {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      DEMO: '1',
      ADMIN_PASSWORD: randomBytes(12).toString('hex'),
      JWT_SECRET: randomBytes(32).toString('hex'),
      PII_KEY: randomBytes(32).toString('base64'),
      LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const password = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the app did not start within 120 s')), 120_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /with password \\?"([^"\\]+)\\?"/.exec(out);
      if (m && out.includes('"listening') === false) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the app exited with ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  for (
    let i = 0;
    i < 300 &&
    !(await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  ) {
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    password,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The step the 3 s target is about. */
export const FIRST_VISIT = 'first visit to /app/ → sign-in usable';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchConsole(log: (line: string) => void): Promise<ConsoleBench> {
  log('building the console (web/dist)…');
  execFileSync(process.execPath, ['scripts/build-console.mjs'], { cwd: ROOT, stdio: 'ignore' });
  const name = `huzhu_bench_console_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  await runMigrations(dbUrl(name));
  const app = await startDemoApp(dbUrl(name));
  await prepareChromium();
  const browser = await launchBrowser();
  const samples: Record<string, { ms: number[]; bytes: number[] }> = {};
  const record = (step: string, ms: number, bytes: number) => {
    (samples[step] ??= { ms: [], bytes: [] }).ms.push(ms);
    samples[step].bytes.push(bytes);
    log(`${step}: ${ms} ms, ${(bytes / 1024).toFixed(1)} KiB`);
  };
  try {
    /** A fresh phone (nothing cached) on Fast 3G, and a counter of the bytes it receives. */
    const phone = async () => {
      const context = await phoneContext(browser);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', FAST_3G);
      // Bytes over the network (compressed, with headers), counted by Chromium per response.
      let bytes = 0;
      cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
      const taken = () => {
        const b = bytes;
        bytes = 0;
        return b;
      };
      return { context, page, taken };
    };
    const homeShown = async (page: Awaited<ReturnType<typeof phone>>['page']) => {
      await page.locator('.van-cell-group').first().waitFor({ state: 'visible' });
      await page.locator('.van-loading').waitFor({ state: 'detached' });
    };
    for (let round = 0; round < ROUNDS; round++) {
      // 1. A first visit to the address the start banner prints (/app/), nothing cached → the sign-in
      //    form ready to type into. The target.
      const { context, page, taken } = await phone();
      let started = Date.now();
      await page.goto(`${app.url}/app/`, { waitUntil: 'commit' });
      const button = page.getByRole('button', { name: '登录' });
      await button.waitFor({ state: 'visible' });
      await page.getByPlaceholder('请输入用户名').fill('demo.secretary');
      record(FIRST_VISIT, Date.now() - started, taken());

      // 2. Signing in → the secretary's home with its tasks (API calls over the same slow network).
      await page.getByPlaceholder('请输入密码').fill(app.password);
      taken();
      started = Date.now();
      await button.click();
      await page.waitForURL(/\/app\/s\/[0-9a-f-]{36}$/);
      await homeShown(page);
      record('sign in → my tasks shown', Date.now() - started, taken());

      // 3. Coming back later (assets cached, index.html revalidated): the address → home usable.
      started = Date.now();
      await page.reload({ waitUntil: 'commit' });
      await homeShown(page);
      record('return visit → my tasks shown', Date.now() - started, taken());
      await context.close();

      // 4. A first visit typed as the bare host (/ redirects to /app/: one more round trip).
      const bare = await phone();
      started = Date.now();
      await bare.page.goto(`${app.url}/`, { waitUntil: 'commit' });
      await bare.page.getByRole('button', { name: '登录' }).waitFor({ state: 'visible' });
      record('first visit via / (redirect) → sign-in usable', Date.now() - started, bare.taken());
      await bare.context.close();
    }
  } finally {
    await browser.close();
    await app.stop();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  return {
    rows: Object.entries(samples).map(([step, s]) => ({
      step,
      medianMs: median(s.ms),
      maxMs: Math.max(...s.ms),
      bytes: median(s.bytes),
    })),
    settings: `${ROUNDS} rounds, Chromium ${browser.version()} at 360×740, Fast 3G (562.5 ms RTT, 1.44 Mbit/s down, 675 kbit/s up)`,
  };
}
