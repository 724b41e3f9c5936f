import { DynamicModule, Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule, Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CryptoModule } from './common/crypto/crypto.module';
import { AppConfig } from './config/app-config';
import { DatabaseModule } from './database/database.module';
import { DonorsModule } from './donors/donors.module';
import { FundModule } from './fund/fund.module';
import { HealthModule } from './health/health.module';
import { logDestination, logFormat, loggerOptions, requestSerializers } from './logging';
import { SocietiesModule } from './societies/societies.module';

/**
 * The configuration is resolved and validated before the module graph exists (the embedded database
 * and generated secrets come first), then provided here as one typed, global `AppConfig`.
 */
@Global()
@Module({})
class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}

/** `logStream`: where logs go (stdout, pretty at a terminal, when absent); tests pass one they can read. */
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
  /** `logStream`: where logs go (stdout when absent); tests pass one they can read. */
  static forRoot(config: AppConfig, logStream?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: httpLogger(config, logStream) }),
        DatabaseModule.forRoot(config.DATABASE_URL),
        ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl: 60_000, limit: 120 }] }),
        CryptoModule,
        AuditModule,
        SocietiesModule,
        AuthModule,
        FundModule,
        DonorsModule,
        HealthModule,
      ],
    };
  }
}
