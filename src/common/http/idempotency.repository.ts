import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { Clock } from '../clock';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

/** The first answer given under a key. */
export interface StoredAnswer {
  requestHash: string;
  body: unknown;
}

/** idempotency_keys, always inside the transaction of the effect the key guards. */
@Injectable()
export class IdempotencyRepository {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
  ) {}

  private get keys() {
    return this.txHost.tx.getRepository(IdempotencyKeyEntity);
  }

  /**
   * Claims the key; false when it is already taken. While another transaction holds an uncommitted
   * claim, this waits for it to end (PostgreSQL's ON CONFLICT), so the loser sees the stored answer.
   */
  async claim(scope: string, key: string, requestHash: string): Promise<boolean> {
    const inserted = await this.keys
      .createQueryBuilder()
      .insert()
      .values({ scope, key, requestHash, createdAt: this.clock.now() })
      .orIgnore()
      .returning('key')
      .execute();
    return (inserted.raw as unknown[]).length > 0;
  }

  async answer(scope: string, key: string): Promise<StoredAnswer> {
    const row = await this.keys.findOneByOrFail({ scope, key });
    return { requestHash: row.requestHash, body: JSON.parse(row.responseBody ?? 'null') as unknown };
  }

  async store(scope: string, key: string, statusCode: number, body: unknown): Promise<void> {
    await this.keys.update({ scope, key }, { statusCode, responseBody: JSON.stringify(body) });
  }
}
