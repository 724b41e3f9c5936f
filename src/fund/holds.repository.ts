import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/tx';
import { HoldStatus, HoldView, Ref } from './domain/ledger';
import { fen, refOf } from './ledger.repository';

interface HoldRow {
  id: string;
  amount_fen: string;
  status: HoldStatus;
  settled_fen: string | null;
  ref_type: string | null;
  ref_id: string | null;
}

function toHold(r: HoldRow): HoldView {
  return {
    id: r.id,
    amountFen: fen(r.amount_fen),
    status: r.status,
    settledFen: r.settled_fen === null ? null : fen(r.settled_fen),
    ref: refOf(r.ref_type, r.ref_id),
  };
}

/** All SQL of holds (money reserved for votes and approved cases). */
@Injectable()
export class HoldsRepository {
  constructor(private readonly txHost: TransactionHost<Tx>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async insert(societyId: string, amountFen: number, ref: Ref | null, at: Date): Promise<HoldView> {
    const [row] = (await this.tx.query(
      `INSERT INTO holds (society_id, amount_fen, ref_type, ref_id, created_at) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, amount_fen, status, settled_fen, ref_type, ref_id`,
      [societyId, amountFen, ref?.type ?? null, ref?.id ?? null, at],
    )) as HoldRow[];
    return toHold(row);
  }

  async find(societyId: string, holdId: string): Promise<HoldView | null> {
    const [row] = (await this.tx.query(
      `SELECT id, amount_fen, status, settled_fen, ref_type, ref_id FROM holds WHERE society_id = $1 AND id = $2`,
      [societyId, holdId],
    )) as HoldRow[];
    return row ? toHold(row) : null;
  }

  async markReleased(societyId: string, holdId: string, at: Date): Promise<void> {
    await this.tx.query(
      `UPDATE holds SET status = 'released', closed_at = $3 WHERE society_id = $1 AND id = $2`,
      [societyId, holdId, at],
    );
  }

  async markSettled(
    societyId: string,
    holdId: string,
    settled: { settledFen: number; entryId: string; at: Date },
  ): Promise<void> {
    await this.tx.query(
      `UPDATE holds SET status = 'settled', settled_fen = $3, entry_id = $4, closed_at = $5
        WHERE society_id = $1 AND id = $2`,
      [societyId, holdId, settled.settledFen, settled.entryId, settled.at],
    );
  }
}
