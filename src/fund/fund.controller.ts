import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can, SocietyParam } from '../common/access/access.decorators';
import { CurrentUser, Principal } from '../common/access/roles';
import { Idempotent } from '../common/http/idempotency';
import { IdParam } from '../common/http/uuid.pipe';
import { ApiErrors } from '../common/openapi/error-response';
import {
  DateRangeQueryDto,
  EntryPageDto,
  EntryResponseDto,
  FundSummaryDto,
  ReconciliationDto,
  toEntryPage,
  toEntryResponse,
  TransferDto,
} from './dto/fund.dto';
import { LedgerService } from './ledger.service';

@ApiTags('fund')
@ApiBearerAuth()
@Controller('societies/:sid/fund')
@SocietyParam('sid')
export class FundController {
  constructor(private readonly ledger: LedgerService) {}

  @Get()
  @Can('fund.read')
  @ApiOperation({ summary: 'Balance (bank + cash), held, available and totals' })
  @ApiOkResponse({ type: FundSummaryDto })
  summary(@IdParam('sid', 'society') sid: string) {
    return this.ledger.summary(sid);
  }

  @Get('entries')
  @Can('fund.read')
  @ApiOperation({ summary: 'Ledger entries in seq order; `from`/`to` are dates in the society’s time zone' })
  @ApiOkResponse({ type: EntryPageDto })
  entries(@IdParam('sid', 'society') sid: string, @Query() query: DateRangeQueryDto) {
    return this.ledger.entries(sid, query).then(toEntryPage);
  }

  @Post('transfers')
  @Can('fund.transfer')
  @Idempotent()
  @ApiOperation({ summary: 'Move money between cash and bank (e.g. depositing cash)' })
  @ApiCreatedResponse({ type: EntryResponseDto })
  @ApiErrors(
    { code: 'INSUFFICIENT_FUNDS', when: 'the source account cannot cover it' },
    { code: 'VALIDATION_FAILED', when: 'a bad body, or `to` equal to `from`' },
  )
  transfer(@IdParam('sid', 'society') sid: string, @Body() dto: TransferDto, @CurrentUser() user: Principal) {
    return this.ledger.transfer(sid, dto, user.id).then(toEntryResponse);
  }

  @Get('reconciliation')
  @Can('fund.reconcile')
  @ApiOperation({ summary: 'Recompute every balance from the ledger lines and compare with the cached ones' })
  @ApiOkResponse({ type: ReconciliationDto })
  reconcile(@IdParam('sid', 'society') sid: string) {
    return this.ledger.reconcile(sid);
  }
}
