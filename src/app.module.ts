import { DynamicModule, Global, Module, ModuleMetadata } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule, Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { Clock } from './common/clock';
import { CryptoModule } from './common/crypto/crypto.module';
import { IdempotencyModule } from './common/http/idempotency.module';
import { RateLimitModule } from './common/http/rate-limit.module';
import { AppConfig } from './config/app-config';
import { DatabaseModule } from './database/database.module';
import { DemoModule } from './demo/demo.module';
import { CasesModule } from './cases/cases.module';
import { VotesModule } from './votes/votes.module';
import { DisclosuresModule } from './disclosures/disclosures.module';
import { DonorsModule } from './donors/donors.module';
import { FundModule } from './fund/fund.module';
import { HealthModule } from './health/health.module';
import { LeadsModule } from './leads/leads.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ExportsModule } from './reports/exports.module';
import { logDestination, logFormat, loggerOptions, requestSerializers } from './logging';
import { SchedulerModule } from './scheduler/scheduler.module';
import { ReportsModule } from './reports/reports.module';
import { SocietiesModule } from './societies/societies.module';
import { TasksModule } from './tasks/tasks.module';

/**
 * The configuration is resolved and validated before the module graph exists (the embedded database
 * and generated secrets come first), then provided here as one typed, global `AppConfig`.
 */
@Global()
@Module({})
class ConfigModule {
  static forRoot(config: AppConfig, clock: Clock): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: Clock, useValue: clock },
      ],
      exports: [AppConfig, Clock],
    };
  }
}

export interface AppOptions {
  /** Where logs go (stdout, pretty at a terminal, when absent); tests pass one they can read. */
  logStream?: DestinationStream;
  /** The source of "now" (the system clock when absent); tests pass one they move. */
  clock?: Clock;
  /** More modules (tests add one declaring a `@ScheduledJob()`). */
  imports?: ModuleMetadata['imports'];
  /** The built web console served at /app/ (web/dist of the project when absent; common/http/console.ts). */
  consoleDir?: string;
}

function httpLogger(config: AppConfig, logStream?: DestinationStream): Params['pinoHttp'] {
  const options: PinoHttpOptions = {
    ...loggerOptions(config.LOG_LEVEL),
    serializers: requestSerializers,
    genReqId: (req) => (req as { id?: string }).id ?? '',
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
  };
  const destination =
    logStream ?? logDestination(logFormat(config.LOG_FORMAT, process.stdout.isTTY === true));
  return destination ? [options, destination] : options;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, options.clock ?? new Clock()),
        LoggerModule.forRoot({ pinoHttp: httpLogger(config, options.logStream) }),
        DatabaseModule.forRoot(config.DATABASE_URL),
        ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl: 60_000, limit: 120 }] }),
        CryptoModule,
        IdempotencyModule,
        RateLimitModule,
        AuditModule,
        NotificationsModule,
        SocietiesModule,
        AuthModule,
        FundModule,
        DonorsModule,
        CasesModule,
        VotesModule,
        DisclosuresModule,
        LeadsModule,
        TasksModule,
        ReportsModule,
        ExportsModule,
        HealthModule,
        SchedulerModule,
        DemoModule,
        ...(options.imports ?? []),
      ],
    };
  }
}
