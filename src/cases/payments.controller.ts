import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can, SocietyParam } from '../common/access/access.decorators';
import { CurrentUser, Principal } from '../common/access/roles';
import { Idempotent } from '../common/http/idempotency';
import { IdParam } from '../common/http/uuid.pipe';
import { ApiErrors } from '../common/openapi/error-response';
import { PayCaseDto, PaymentResponseDto } from './dto/payment.dto';
import { PaymentsService } from './payments.service';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('societies/:sid/cases/:cid/payment')
@SocietyParam('sid')
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Post()
  @Can('case.pay')
  @Idempotent()
  @ApiOperation({
    summary: 'Pay an approved case from its hold (pay first); the case becomes `paid`',
    description:
      'Any part of the hold not paid is released. The payer may not be who filed the case or opened its vote.',
  })
  @ApiCreatedResponse({ type: PaymentResponseDto })
  @ApiErrors(
    { code: 'NOT_FOUND', when: 'no such case in this society' },
    { code: 'INVALID_STATE', when: 'the case is not `approved` (e.g. already paid)' },
    {
      code: 'SEPARATION_OF_DUTIES',
      when: 'the payer filed the case or opened its vote (unless `allowSingleOfficer`)',
    },
    { code: 'AMOUNT_EXCEEDS_APPROVED', when: 'more than the approved amount' },
    {
      code: 'ANNUAL_CAP_EXCEEDED',
      when: "over `maxAidPerPersonPerYearFen` for the person this year (society's calendar)",
    },
    { code: 'INSUFFICIENT_FUNDS', when: 'the account cannot cover it' },
  )
  pay(
    @IdParam('sid', 'society') sid: string,
    @IdParam('cid', 'case', 'caseId') cid: string,
    @Body() dto: PayCaseDto,
    @CurrentUser() user: Principal,
  ) {
    return this.payments.pay(sid, cid, dto, user);
  }
}
