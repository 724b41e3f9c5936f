import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';
import { CountersRepository } from './counters.repository';
import { connectionOptions } from './multi-host';
import { SnapshotRepository } from './snapshot.repository';

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
          ...connectionOptions(url, { max: 20, connectionTimeoutMillis: 5000 }),
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
