import 'reflect-metadata';
import { createApp } from './app.factory';
import { ConfigError } from './config/app-config';
import { runMigrations } from './database/migrate';
import { prepareRuntime } from './database/runtime';
import { AuthService } from './auth/auth.service';
import { bootLogger, logFormat } from './logging';
import { DemoSeeder } from './demo/demo.seeder';
import { demoLine, DemoInfo, firstAdminLine, startBanner } from './start-banner';

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
  await app.init(); // the first admin is created here (AuthService), before the demo that it founds
  try {
    await app.get(DemoSeeder).seedIfEmpty();
  } catch (e) {
    // One transaction: nothing of it is left. The service runs without a demo.
    log.error({ err: e }, 'the demo society could not be created; starting without it');
  }
  await app.listen({ port: config.PORT, host: '0.0.0.0' });
  const url = `http://localhost:${config.PORT}`;
  const firstAdmin = app.get(AuthService).takeFirstAdminLogin();
  const logins = app.get(DemoSeeder).takeDemoLogins();
  const demo: DemoInfo | undefined = logins && {
    ...logins,
    pageUrl: `${config.publicBaseUrl}/p/${logins.societyId}`,
  };
  if (logFormat(config.LOG_FORMAT, process.stdout.isTTY === true) === 'pretty') {
    process.stdout.write(startBanner({ url, firstAdmin, demo }));
  } else {
    log.info(
      `Huzhu is listening on ${url} — console at /app/, API at /api/v1, docs at /api/docs, health at /health` +
        (config.embedded ? ' (embedded PostgreSQL)' : ''),
    );
    if (firstAdmin) log.warn(firstAdminLine(firstAdmin));
    if (demo) log.warn(demoLine(demo));
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
