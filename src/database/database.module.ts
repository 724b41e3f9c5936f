import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';
import { Client } from 'pg';
import { coalescingStream } from './coalescing-socket';
import { CountersRepository } from './counters.repository';
import { connectionOptions } from './multi-host';
import { preparingClient } from './prepared-statements';
import { SnapshotRepository } from './snapshot.repository';

/**
 * The app's pool: 20 connections, each preparing its statements by name (prepared-statements.ts) and
 * sending each statement's messages in one write (coalescing-socket.ts).
 */
function poolOptions(url: string) {
  const { url: first, extra } = connectionOptions(url, {
    max: 20,
    connectionTimeoutMillis: 5000,
    stream: coalescingStream,
  });
  const Base = (extra.Client as typeof Client | undefined) ?? Client;
  return { url: first, extra: { ...extra, Client: preparingClient(Base) } };
}

/**
 * The data source, and transactions that span services: a use case marked `@Transactional()` runs
 * in one transaction that every repository reached through `TransactionHost.tx` joins.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(url: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          ...poolOptions(url),
          autoLoadEntities: true,
          synchronize: false,
          migrationsRun: false, // migrations run before the app starts (database/migrate.ts)
          retryAttempts: 3,
        }),
        ClsModule.forRoot({
          global: true,
          middleware: { mount: true },
          plugins: [
            new ClsPluginTransactional({
              imports: [TypeOrmModule],
              adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: getDataSourceToken() }),
            }),
          ],
        }),
      ],
      providers: [CountersRepository, SnapshotRepository],
      exports: [CountersRepository, SnapshotRepository],
    };
  }
}
