import 'reflect-metadata';
import { createApp } from './app.factory';
import { ConfigError } from './config/app-config';
import { runMigrations } from './database/migrate';
import { prepareRuntime } from './database/runtime';
import { AuthService } from './auth/auth.service';
import { bootLogger, logFormat } from './logging';
import { firstAdminLine, startBanner } from './start-banner';

async function main(): Promise<void> {
  const log = bootLogger();
  let runtime;
  try {
    runtime = await prepareRuntime(process.env, (m) => log.info(m));
  } catch (e) {
    if (e instanceof ConfigError) {
      log.fatal(e.message);
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const { config, server } = runtime;
  const applied = await runMigrations(config.DATABASE_URL);
  if (applied.length) log.info({ migrations: applied }, `applied ${applied.length} migration(s)`);

  const app = await createApp(config);
  const stopServer = async () => {
    await server?.stop();
  };
  await app.listen({ port: config.PORT, host: '0.0.0.0' });
  const url = `http://localhost:${config.PORT}`;
  const firstAdmin = app.get(AuthService).takeFirstAdminLogin();
  if (logFormat(config.LOG_FORMAT, process.stdout.isTTY === true) === 'pretty') {
    process.stdout.write(startBanner({ url, firstAdmin }));
  } else {
    log.info(
      `Huzhu is listening on ${url} — API at /api/v1, docs at /api/docs, health at /health` +
        (config.embedded ? ' (embedded PostgreSQL)' : ''),
    );
    if (firstAdmin) log.warn(firstAdminLine(firstAdmin));
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void app
        .close()
        .then(stopServer)
        .finally(() => process.exit(0));
    });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`Huzhu failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
