import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { Principal } from '../common/access/roles';
import { LedgerService } from '../fund/ledger.service';
import { CasesService } from './cases.service';
import { transition } from './domain/case-status';
import { assertWithinPaid } from './domain/payment';
import { RecoverCaseDto, RecoveryResponseDto } from './dto/recovery.dto';

/**
 * Recovery (追回, API.md "Disclosures … and objections"): an upheld objection put the case in
 * `disputed`; the treasurer records the money that came back. One transaction: the case locked, the
 * rules checked, the money posted (Dr bank|cash / Cr recoveries) and the case moved to `recovered`
 * with what came back — or nothing at all.
 */
@Injectable()
export class RecoveriesService {
  constructor(
    private readonly cases: CasesService,
    private readonly ledger: LedgerService,
  ) {}

  @Transactional()
  async recover(
    societyId: string,
    caseId: string,
    dto: RecoverCaseDto,
    actor: Principal,
  ): Promise<RecoveryResponseDto> {
    // Case first, then the fund (inside the ledger), as payment does. A second recovery of the case
    // waits here, then finds it `recovered`: 409 INVALID_STATE.
    const c = await this.cases.lockCase(societyId, caseId);
    transition(c.status, 'recover'); // 409 INVALID_STATE unless disputed
    if (c.paidAmountFen === null) throw new Error(`case ${c.id} is disputed without a payment`);
    assertWithinPaid(dto.amountFen, c.paidAmountFen);
    const account = dto.account ?? 'bank';
    const entry = await this.ledger.recover(societyId, {
      amountFen: dto.amountFen,
      to: account,
      ref: { type: 'case', id: c.id },
      memo: dto.reference?.trim() ?? null,
      actorId: actor.id,
    });
    await this.cases.transition(
      societyId,
      c,
      'recover',
      actor,
      { recoveredEntryId: entry.id, recoveredAt: entry.postedAt, recoveredAmountFen: dto.amountFen },
      { amountFen: dto.amountFen, account, entryId: entry.id },
    );
    return {
      entryId: entry.id,
      caseId: c.id,
      amountFen: dto.amountFen,
      account,
      recoveredAt: entry.postedAt.toISOString(),
    };
  }
}
