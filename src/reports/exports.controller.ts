import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can, SocietyParam } from '../common/access/access.decorators';
import { sendCsv } from '../common/http/csv';
import { IdParam } from '../common/http/uuid.pipe';
import { ApiErrors } from '../common/openapi/error-response';
import { ExportsService } from './exports.service';

const CSV = {
  description:
    'UTF-8 with BOM, CRLF, RFC 4180 quoting, Chinese headers; cells that would start a formula are prefixed ' +
    "with '; personal data masked. Streamed: the rows are one consistent snapshot of the society.",
  schema: { type: 'string' },
} as const;

const NOT_FOUND = { code: 'NOT_FOUND', when: 'no such society' } as const;

@ApiTags('exports')
@ApiBearerAuth()
@Controller('societies/:sid/export')
@SocietyParam('sid')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('cases.csv')
  @Can('export.cases')
  @ApiOperation({
    summary: 'Every case as CSV (ID numbers 前6后4, phones masked; no address, no bank account)',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV)
  @ApiErrors(NOT_FOUND)
  async cases(@IdParam('sid', 'society') sid: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendCsv(reply, await this.exports.casesCsv(sid));
  }

  @Get('donations.csv')
  @Can('export.donations')
  @ApiOperation({ summary: 'Every donation as CSV, donors named as the internal list names them' })
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV)
  @ApiErrors(NOT_FOUND)
  async donations(@IdParam('sid', 'society') sid: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendCsv(reply, await this.exports.donationsCsv(sid));
  }

  @Get('entries.csv')
  @Can('export.entries')
  @ApiOperation({ summary: 'Every ledger entry as CSV, in seq order (one row per entry)' })
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV)
  @ApiErrors(NOT_FOUND)
  async entries(@IdParam('sid', 'society') sid: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendCsv(reply, await this.exports.entriesCsv(sid));
  }
}
