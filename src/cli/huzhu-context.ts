import {
  ConsoleLogger,
  DynamicModule,
  Inject,
  INestApplicationContext,
  Injectable,
  LogLevel,
  OnModuleDestroy,
  Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClsService } from 'nestjs-cls';
import { AppConfig } from '../config/app-config';
import { EmbeddedServer } from '../database/embedded-server';
import { runMigrations } from '../database/migrate';
import { AuthService } from '../auth/auth.service';
import { clusterDirOf, prepareRuntime } from '../database/runtime';
import { configForRunningServer, runningEmbeddedServer } from './running-server';

/** Everything the CLI says besides a command's result goes to stderr, so stdout stays scriptable. */
export class StderrLogger extends ConsoleLogger {
  constructor(levels: LogLevel[] = ['fatal', 'error', 'warn']) {
    super({ logLevels: levels, colors: Boolean(process.stderr.isTTY) });
  }

  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    _stream?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack);
  }
}

/** The application module, given by src/cli.ts (folders do not import the wiring in src/). */
export const APP_MODULE = Symbol('huzhu:app-module');
export type AppModuleFactory = (config: AppConfig) => DynamicModule;

export const note = (message: string): void => void process.stderr.write(`${message}\n`);

/**
 * The Huzhu application (services, database) for a command, opened on first use so that `--help` and
 * argument errors need no database. Like `npm start`: DATABASE_URL, else the embedded server under
 * DATA_DIR — the one already running there (e.g. `npm start`'s), or one started for this command and
 * stopped after it.
 */
@Injectable()
export class HuzhuContext implements OnModuleDestroy {
  private opened?: Promise<{ app: INestApplicationContext; server?: EmbeddedServer }>;

  constructor(@Inject(APP_MODULE) private readonly appModule: AppModuleFactory) {}

  async get<T>(type: Type<T>): Promise<T> {
    return (await this.context()).get(type);
  }

  /** The opened application (for code that looks several services up synchronously). */
  async context(): Promise<INestApplicationContext> {
    this.opened ??= this.open();
    return (await this.opened).app;
  }

  /** Runs service code in a CLS context, as a request would (for @Transactional). */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const cls = await this.get(ClsService);
    return cls.run(fn);
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.opened) return;
    const { app, server } = await this.opened;
    await app.close();
    await server?.stop();
  }

  private async open(): Promise<{ app: INestApplicationContext; server?: EmbeddedServer }> {
    const env = process.env;
    const running = env.DATABASE_URL ? null : runningEmbeddedServer(clusterDirOf(env));
    let config;
    let server: EmbeddedServer | undefined;
    if (running) {
      note(`using the embedded PostgreSQL already running on port ${running.port} (pid ${running.pid})`);
      config = configForRunningServer(env, env.DATA_DIR || './data', running.port);
    } else {
      ({ config, server } = await prepareRuntime(env, note));
      // Ctrl-C must not leave the server this command started running.
      if (server) process.once('SIGINT', () => void server?.stop().finally(() => process.exit(130)));
    }
    try {
      const applied = await runMigrations(config.DATABASE_URL);
      if (applied.length) note(`applied ${applied.length} migration(s)`);
      const app = await NestFactory.createApplicationContext(this.appModule(config), {
        logger: new StderrLogger(),
      });
      // A first start through the CLI creates the admin as `npm start` would: show its login once.
      const firstAdmin = app.get(AuthService).takeFirstAdminLogin();
      if (firstAdmin) {
        note(
          `created the first admin "${firstAdmin.username}" with the generated password ${firstAdmin.password} (shown once)`,
        );
      }
      return { app, server };
    } catch (e) {
      await server?.stop();
      throw e;
    }
  }
}
