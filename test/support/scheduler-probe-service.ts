// The real service with one more job, for test/int/scheduler-kill.int-spec.ts: createApp, the
// scheduler and PostgreSQL as src/main.ts runs them (on DATABASE_URL), plus a slow job that marks the
// due rows of `scheduler_probe` done one per transaction. Test code only: src/ ships no test job.
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { Job, ScheduledJob } from '../../src/scheduler/scheduled-job';

@ScheduledJob()
@Injectable()
class SlowProbeJob implements Job {
  readonly name = 'test.slow-probe';
  readonly everyMs = 200;
  constructor(private readonly ds: DataSource) {}

  /** Two items a batch, each in its own transaction that lasts 150 ms: a kill lands inside one. */
  async run(now: Date): Promise<number> {
    let done = 0;
    for (let i = 0; i < 2; i++) {
      const did = await this.ds.transaction(async (m) => {
        const rows = (await m.query(
          `WITH done AS (
             UPDATE scheduler_probe SET done_count = done_count + 1, done_at = $1
              WHERE id = (SELECT id FROM scheduler_probe WHERE due_at <= $1 AND done_at IS NULL
                           ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
             RETURNING id)
           SELECT id, pg_sleep(0.15) FROM done`,
          [now],
        )) as unknown[];
        return rows.length;
      });
      if (!did) break;
      done += did;
    }
    return done;
  }
}

@Module({ providers: [SlowProbeJob] })
class SlowProbeModule {}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApp(config, { imports: [SlowProbeModule] });
  await app.listen({ port: 0, host: '127.0.0.1' }); // any free port: the test reads the database
  process.stdout.write('listening\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
