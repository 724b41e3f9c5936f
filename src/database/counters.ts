import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import type { Tx } from './tx';

/**
 * Gap-free numbers per society (ledger seq, receipt numbers, case and notice numbers). The counter
 * row stays locked until the transaction ends, so concurrent takers queue, and a rollback gives the
 * number back: no gaps, no repeats.
 */
@Injectable()
export class Counters {
  constructor(private readonly txHost: TransactionHost<Tx>) {}

  async next(societyId: string, name: string): Promise<number> {
    const rows = (await this.txHost.tx.query(
      `INSERT INTO counters (society_id, name, value) VALUES ($1, $2, 1)
       ON CONFLICT (society_id, name) DO UPDATE SET value = counters.value + 1
       RETURNING value`,
      [societyId, name],
    )) as { value: string }[];
    return Number(rows[0].value);
  }
}
