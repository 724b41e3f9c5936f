// The real service as src/main.ts runs it (createApp on DATABASE_URL, the scheduler when SCHEDULER=on),
// on SERVICE_PORT or any free port (printed: `listening on http://127.0.0.1:<port>`), for tests that kill -9 it
// (test/e2e/votes-concurrency.e2e-spec.ts, test/support/app-process.ts).
import 'reflect-metadata';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';

async function main(): Promise<void> {
  const app = await createApp(loadConfig(process.env));
  await app.listen({ port: Number(process.env.SERVICE_PORT ?? 0), host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  process.stdout.write(`listening on http://127.0.0.1:${address.port}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
