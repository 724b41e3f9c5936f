import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import type { Tx } from './tx';

/**
 * Gap-free numbers per society (ledger seq, receipt numbers, case and notice numbers). The counter
 * row stays locked until the transaction ends, so concurrent takers queue, and a rollback gives the
 * number back: no gaps, no repeats. Shared infrastructure: every module's repository may embed
 * NEXT_SQL (the counters table is the one table outside a module's own that its SQL may name).
 */
@Injectable()
export class CountersRepository {
  constructor(private readonly txHost: TransactionHost<Tx>) {}

  /** The statement taking the next number (column `value`), for use inside a larger one (a CTE). */
  static NEXT_SQL(societyParam: string, nameParam: string): string {
    return `INSERT INTO counters (society_id, name, value) VALUES (${societyParam}, ${nameParam}, 1)
       ON CONFLICT (society_id, name) DO UPDATE SET value = counters.value + 1
       RETURNING value`;
  }

  async next(societyId: string, name: string): Promise<number> {
    const rows = (await this.txHost.tx.query(CountersRepository.NEXT_SQL('$1', '$2'), [societyId, name])) as {
      value: string;
    }[];
    return Number(rows[0].value); // bigint arrives as a string
  }
}
