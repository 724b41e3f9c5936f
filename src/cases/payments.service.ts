import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { transition } from './domain/case-status';
import { Principal } from '../common/access/roles';
import { localDay, startOfLocalDay } from '../common/calendar';
import { Clock } from '../common/clock';
import { LedgerService } from '../fund/ledger.service';
import { OutboxService } from '../notifications/outbox.service';
import { SocietiesService } from '../societies/societies.service';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { paidAtOf } from './paid-at';
import { assertPaymentAllowed } from './domain/payment';
import { PayCaseDto, PaymentResponseDto } from './dto/payment.dto';

/**
 * Pay first (API.md "Payment (pay first)"): the treasurer pays an approved case from its hold. One
 * transaction: the case locked, the rules checked, the money posted (the hold settled, any remainder
 * released) and the case moved to `paid` — or nothing at all.
 */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly cases: CasesService,
    private readonly repo: CasesRepository,
    private readonly ledger: LedgerService,
    private readonly societies: SocietiesService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async pay(
    societyId: string,
    caseId: string,
    dto: PayCaseDto,
    actor: Principal,
  ): Promise<PaymentResponseDto> {
    // Case first, then the person, then the fund (inside the ledger): one lock order everywhere.
    // A second payment of the case waits here, then finds it `paid`: 409 INVALID_STATE.
    const c = await this.cases.lockCase(societyId, caseId);
    transition(c.status, 'pay'); // 409 INVALID_STATE unless approved (the one state machine)
    if (c.holdId === null || c.approvedAmountFen === null || c.voteOpenedBy === null) {
      throw new Error(`case ${c.id} is approved without its hold, amount or vote opener`);
    }
    const { timezone, settings } = await this.societies.find(societyId);
    const paidAt = paidAtOf(dto.paidAt, timezone, this.clock.now());
    const person = this.cases.personHmacs(c);
    await this.repo.lockPerson(societyId, person[0]);
    const { year } = localDay(paidAt, timezone);
    const paidThisYearFen = await this.repo.paidToPersonFen(
      societyId,
      person,
      startOfLocalDay(`${year}-01-01`, timezone),
      startOfLocalDay(`${year + 1}-01-01`, timezone),
    );
    assertPaymentAllowed({
      payerId: actor.id,
      filedBy: c.filedBy,
      voteOpenedBy: c.voteOpenedBy,
      allowSingleOfficer: settings.allowSingleOfficer,
      amountFen: dto.amountFen,
      approvedFen: c.approvedAmountFen,
      paidThisYearFen,
      maxAidPerPersonPerYearFen: settings.maxAidPerPersonPerYearFen,
    });
    const account = dto.account ?? 'bank';
    const entry = await this.ledger.payFromHold(societyId, c.holdId, {
      amountFen: dto.amountFen,
      from: account,
      ref: { type: 'case', id: c.id },
      memo: dto.reference?.trim() ?? null,
      actorId: actor.id,
    });
    await this.cases.transition(
      societyId,
      c,
      'pay',
      actor,
      { paidEntryId: entry.id, paidAt, paidAmountFen: dto.amountFen },
      { amountFen: dto.amountFen, account, entryId: entry.id, paidAt: paidAt.toISOString() },
    );
    await this.outbox.record(societyId, 'case.paid', {
      caseId: c.id,
      caseNo: c.caseNo,
      amountFen: dto.amountFen,
      account,
      paidAt: paidAt.toISOString(),
    });
    return { entryId: entry.id, caseId: c.id, amountFen: dto.amountFen, paidAt: paidAt.toISOString() };
  }
}
