import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../common/access/roles';
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
import { Idempotent } from './idempotency';
import { LedgerService } from './ledger.service';

const FUND_READERS = ['secretary', 'board', 'treasurer', 'supervisor', 'overseer'] as const;

@ApiTags('fund')
@ApiBearerAuth()
@Controller('societies/:sid/fund')
export class FundController {
  constructor(private readonly ledger: LedgerService) {}

  @Get()
  @Roles(...FUND_READERS)
  @ApiOperation({ summary: 'Balance (bank + cash), held, available and totals' })
  @ApiOkResponse({ type: FundSummaryDto })
  summary(@Param('sid') sid: string) {
    return this.ledger.summary(sid);
  }

  @Get('entries')
  @Roles(...FUND_READERS)
  @ApiOperation({ summary: 'Ledger entries in seq order; `from`/`to` are dates in the society’s time zone' })
  @ApiOkResponse({ type: EntryPageDto })
  entries(@Param('sid') sid: string, @Query() query: DateRangeQueryDto) {
    return this.ledger.entries(sid, query).then(toEntryPage);
  }

  @Post('transfers')
  @Roles('treasurer')
  @Idempotent()
  @ApiOperation({ summary: 'Move money between cash and bank (e.g. depositing cash)' })
  @ApiCreatedResponse({ type: EntryResponseDto })
  @ApiErrors(
    { code: 'INSUFFICIENT_FUNDS', when: 'the source account cannot cover it' },
    { code: 'VALIDATION_FAILED', when: 'a bad body, or `to` equal to `from`' },
  )
  transfer(@Param('sid') sid: string, @Body() dto: TransferDto, @CurrentUser() user: Principal) {
    return this.ledger.transfer(sid, dto, user.id).then(toEntryResponse);
  }

  @Get('reconciliation')
  @Roles(...FUND_READERS)
  @ApiOperation({ summary: 'Recompute every balance from the ledger lines and compare with the cached ones' })
  @ApiOkResponse({ type: ReconciliationDto })
  reconcile(@Param('sid') sid: string) {
    return this.ledger.reconcile(sid);
  }
}
