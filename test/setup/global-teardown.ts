import { ENV_SERVER_URL, ENV_TEMPLATE, withAdminClient } from './test-server';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __HUZHU_PG__?: { stop(): Promise<void> } }).__HUZHU_PG__;
  if (server) {
    await server.stop();
    return;
  }
  // A shared server (TEST_DATABASE_URL): remove what this run created.
  const serverUrl = process.env[ENV_SERVER_URL]!;
  const template = process.env[ENV_TEMPLATE]!;
  await withAdminClient(serverUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
      [`${template}\\_%`, template],
    );
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  });
}
