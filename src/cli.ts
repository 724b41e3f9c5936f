// Maintenance commands (`npm run cli -- --help`), with nest-commander over the application's own
// services: admin:reset-password, admin:create, audit:verify. See README "Admin commands".
import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { AppModule } from './app.module';
import { CliModule } from './cli/cli.module';
import { StderrLogger } from './cli/huzhu-context';
import { conflictOf } from './common/errors/unique-violation';

async function main(): Promise<void> {
  await CommandFactory.run(
    CliModule.forRoot((config) => {
      config.SCHEDULER = 'off'; // a command runs no scheduled jobs (the running service does)
      return AppModule.forRoot(config);
    }),
    {
      cliName: 'huzhu',
      logger: new StderrLogger(),
      serviceErrorHandler: (e) => {
        // A unique violation says what it means, as the API does (e.g. "The username is taken").
        process.stderr.write(`error: ${(conflictOf(e) ?? e).message}\n`);
        process.exitCode = 1;
      },
    },
  );
}

main().then(
  // Everything is closed by now; exit even if a library left a timer behind.
  () => process.exit(),
  (e: unknown) => {
    process.stderr.write(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
