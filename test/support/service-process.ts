// The real service as src/main.ts runs it (createApp on DATABASE_URL, the scheduler when SCHEDULER=on),
// on any free port, for tests that kill -9 it (test/e2e/votes-concurrency.e2e-spec.ts).
import 'reflect-metadata';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';

async function main(): Promise<void> {
  const app = await createApp(loadConfig(process.env));
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write('listening\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
