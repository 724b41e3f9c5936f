import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can, Public, SocietyParam } from '../common/access/access.decorators';
import type { LocalMonth } from '../common/calendar';
import { fieldError } from '../common/errors/validation';
import { CSV_CONTENT_TYPE } from '../common/http/csv';
import { ParsedPipe } from '../common/http/parsed-param';
import { IdParam } from '../common/http/uuid.pipe';
import { ApiErrors } from '../common/openapi/error-response';
import { parsePeriod } from './domain/statement';
import { PublicStatementDto, StatementDto } from './dto/statements.dto';
import { StatementFile, StatementsService } from './statements.service';

/** The period in the path: 'YYYY-MM' with a real month, else 400 VALIDATION_FAILED on `period`. */
const badPeriod = () =>
  fieldError('period', '月份格式应为 YYYY-MM（如 2026-11）', 'period must be YYYY-MM, e.g. 2026-11');
const PeriodParam = () => Param('period', new ParsedPipe('period', parsePeriod, badPeriod));

/*
 * `:period.pdf` and `:period.csv` are routes of their own: Fastify's router matches a parameter
 * followed by a static suffix in the same segment, so `2026-11.pdf` reaches the PDF route with
 * period `2026-11`, and the OpenAPI document names each variant with its own content type.
 */
const PERIOD_PARAM = {
  name: 'period',
  description: 'YYYY-MM, a month in the society’s time zone, not after the current one',
  schema: { type: 'string', example: '2026-11' },
} as const;
const BAD_PERIOD = {
  code: 'VALIDATION_FAILED',
  when: 'period is not YYYY-MM (e.g. 2026-13, 2026-1), or after the current month',
} as const;
const NO_SOCIETY = { code: 'NOT_FOUND', when: 'no such society' } as const;
const PUBLIC_CACHE = 'public, max-age=60';

function sendFile(reply: FastifyReply, file: StatementFile, type: string, disposition: string): Buffer {
  void reply
    .header('Content-Type', type)
    .header('Content-Disposition', `${disposition}; filename="${file.filename}"`);
  return file.body;
}

@ApiTags('statements')
@ApiBearerAuth()
@Controller('societies/:sid/statements')
@SocietyParam('sid')
export class StatementsController {
  constructor(private readonly statements: StatementsService) {}

  @Get(':period')
  @Can('statement.read')
  @ApiOperation({
    summary: 'A month’s statement: opening and closing balance, every donation, void, aid payment, recovery',
    description:
      'Internal: donors’ real names and receipt numbers; aid under the public display name. The month is the ' +
      'society’s (time zone); lines are in it by the ledger’s posting time. closing = opening + netChangeFen = ' +
      'the ledger balance at the month’s end; `transfers` (cash ⇄ bank) are listed and move nothing. A month ' +
      'after the current one is a 400; the current month is the statement so far.',
  })
  @ApiParam(PERIOD_PARAM)
  @ApiOkResponse({ type: StatementDto })
  @ApiErrors(BAD_PERIOD, NO_SOCIETY)
  get(@IdParam('sid', 'society') sid: string, @PeriodParam() period: LocalMonth) {
    return this.statements.statement(sid, period, 'internal');
  }

  @Get(':period.pdf')
  @Can('statement.read')
  @ApiOperation({ summary: 'The month’s statement as an A4 Chinese PDF (internal copy, 大写 totals)' })
  @ApiParam(PERIOD_PARAM)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'the statement (A4 PDF)', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(BAD_PERIOD, NO_SOCIETY)
  async pdf(
    @IdParam('sid', 'society') sid: string,
    @PeriodParam() period: LocalMonth,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendFile(reply, await this.statements.pdf(sid, period, 'internal'), 'application/pdf', 'inline');
  }

  @Get(':period.csv')
  @Can('statement.read')
  @ApiOperation({
    summary: 'The month’s statement as CSV (UTF-8 with BOM, CRLF; opens in Excel/WPS)',
    description:
      'One table: 期初余额, a row per entry by seq with the running balance, 本月合计, 期末余额; amounts in yuan.',
  })
  @ApiParam(PERIOD_PARAM)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'the statement (CSV)', schema: { type: 'string' } })
  @ApiErrors(BAD_PERIOD, NO_SOCIETY)
  async csv(
    @IdParam('sid', 'society') sid: string,
    @PeriodParam() period: LocalMonth,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendFile(reply, await this.statements.csv(sid, period), CSV_CONTENT_TYPE, 'attachment');
  }
}

/** For residents, without signing in: anonymous donors as 爱心人士/爱心企业, no receipt numbers. */
@ApiTags('public')
@Controller('public/societies/:sid/statements')
export class PublicStatementsController {
  constructor(private readonly statements: StatementsService) {}

  @Get(':period')
  @Public()
  @Header('Cache-Control', PUBLIC_CACHE)
  @ApiOperation({
    summary: 'A month’s income and spending, for residents',
    description:
      'As the internal statement without receipt numbers, donor kinds or transfers: a donor who did not consent ' +
      'to be named is 爱心人士 (a person) or 爱心企业 (an organisation); aid under the public display name.',
  })
  @ApiParam(PERIOD_PARAM)
  @ApiOkResponse({ type: PublicStatementDto })
  @ApiErrors(BAD_PERIOD, NO_SOCIETY)
  get(@IdParam('sid', 'society') sid: string, @PeriodParam() period: LocalMonth) {
    return this.statements.statement(sid, period, 'public');
  }

  @Get(':period.pdf')
  @Public()
  @Header('Cache-Control', PUBLIC_CACHE)
  @ApiOperation({ summary: 'The public statement as an A4 Chinese PDF, to post on the notice board' })
  @ApiParam(PERIOD_PARAM)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'the statement (A4 PDF)', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(BAD_PERIOD, NO_SOCIETY)
  async pdf(
    @IdParam('sid', 'society') sid: string,
    @PeriodParam() period: LocalMonth,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendFile(reply, await this.statements.pdf(sid, period, 'public'), 'application/pdf', 'inline');
  }
}
