import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { AppConfig, loadConfig } from '../config/app-config';
import { EmbeddedServer, startEmbeddedServer } from './embedded-server';
import { makeFolders } from './postgres-user';

/** Root's embedded clusters, one folder per DATA_DIR: the postgres user may not enter the checkout. */
export const ROOT_CLUSTERS = '/var/lib/huzhu';

interface Secrets {
  JWT_SECRET: string;
  PII_KEY: string;
  DB_PASSWORD: string;
}

export interface Runtime {
  config: AppConfig;
  /** The embedded server, when this process started one. */
  server?: EmbeddedServer;
}

/**
 * Decides where the data lives. With DATABASE_URL: that server, and the secrets must be given.
 * Without: a real PostgreSQL under DATA_DIR, with secrets generated once into DATA_DIR/secrets.json.
 */
export async function prepareRuntime(
  env: Record<string, string | undefined>,
  log: (message: string) => void,
): Promise<Runtime> {
  if (env.DATABASE_URL) return { config: loadConfig(env) };

  const dataDir = resolve(env.DATA_DIR || './data');
  mkdirSync(dataDir, { recursive: true });
  const secrets = readOrCreateSecrets(join(dataDir, 'secrets.json'), log);
  const pgDir = clusterDirOf(env);
  const server = await startEmbeddedServer({
    dir: pgDir,
    password: secrets.DB_PASSWORD,
    port: env.EMBEDDED_PG_PORT ? Number(env.EMBEDDED_PG_PORT) : undefined,
    persistent: true,
    log: (line) => {
      // Sessions cut by a shutdown (Ctrl+C reaches PostgreSQL too) are expected, not news.
      if (/FATAL|PANIC/.test(line) && !line.includes('due to administrator command'))
        log(`postgres: ${line}`);
    },
    notice: log,
  });
  try {
    const url = await ensureDatabase(server.url, 'huzhu');
    const config = loadConfig(
      {
        ...env,
        DATABASE_URL: url,
        JWT_SECRET: env.JWT_SECRET || secrets.JWT_SECRET,
        PII_KEY: env.PII_KEY || secrets.PII_KEY,
        DATA_DIR: dataDir,
      },
      true,
    );
    log(
      `embedded PostgreSQL running on 127.0.0.1:${server.port} with data in ${pgDir}` +
        (pgDir === join(dataDir, 'pg')
          ? ''
          : ` (owned by the postgres user; kept across restarts, safe against kill -9; to move it stop Huzhu, ` +
            `move the folder and set EMBEDDED_PG_DIR to its new place; to start afresh delete it)`),
    );
    return { config, server };
  } catch (e) {
    await server.stop();
    throw e;
  }
}

/**
 * Where the embedded cluster lives: EMBEDDED_PG_DIR when set, else DATA_DIR/pg — except as root, where
 * PostgreSQL runs as the postgres user, which must own its data and may not be able to enter DATA_DIR:
 * then ROOT_CLUSTERS/<hash of DATA_DIR>/pg. A cluster already in DATA_DIR/pg stays there.
 */
/** Where the embedded cluster of this environment lives (DATA_DIR, EMBEDDED_PG_DIR, root or not). */
export function clusterDirOf(env: Record<string, string | undefined>): string {
  return embeddedClusterDir(resolve(env.DATA_DIR || './data'), env.EMBEDDED_PG_DIR, userInfo().uid === 0);
}

export function embeddedClusterDir(
  dataDir: string,
  override: string | undefined,
  asRoot: boolean,
  rootClusters = ROOT_CLUSTERS,
): string {
  if (override) return resolve(override);
  const inDataDir = join(dataDir, 'pg');
  if (!asRoot || existsSync(join(inDataDir, 'PG_VERSION'))) return inDataDir;
  const home = join(rootClusters, createHash('sha256').update(dataDir).digest('hex').slice(0, 16));
  makeFolders(home);
  const label = join(home, 'data-dir.txt');
  if (!existsSync(label))
    writeFileSync(label, `The embedded PostgreSQL of the Huzhu service whose DATA_DIR is ${dataDir}\n`);
  return join(home, 'pg');
}

function readOrCreateSecrets(file: string, log: (message: string) => void): Secrets {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Secrets;
  const secrets: Secrets = {
    JWT_SECRET: randomBytes(48).toString('base64url'),
    PII_KEY: randomBytes(32).toString('base64'),
    DB_PASSWORD: randomBytes(24).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  log(
    `generated JWT_SECRET, PII_KEY and the database password into ${file} (mode 0600); keep this file safe`,
  );
  return secrets;
}

/** Creates the database on the server when missing and returns its URL. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
