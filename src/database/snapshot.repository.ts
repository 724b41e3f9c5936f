import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import type { Tx } from './tx';

/**
 * A long read that must see one moment of the database (an export streamed over minutes): one
 * REPEATABLE READ, READ ONLY transaction. Every repository reached through `TransactionHost.tx` inside
 * `fn` reads the snapshot taken at its first statement; rows written meanwhile (a void, a new entry, a
 * case paid) are not seen, and nothing can be written by mistake. Shared infrastructure, like
 * CountersRepository.
 */
@Injectable()
export class SnapshotRepository {
  constructor(private readonly txHost: TransactionHost<Tx>) {}

  read<T>(fn: () => Promise<T>): Promise<T> {
    return this.txHost.withTransaction({ isolationLevel: 'REPEATABLE READ' }, async () => {
      await this.txHost.tx.query('SET TRANSACTION READ ONLY');
      return fn();
    });
  }
}
