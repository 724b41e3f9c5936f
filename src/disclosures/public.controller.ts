import { Body, Controller, Get, Header, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/access/access.decorators';
import { ParsedParam, parseSeq, PathSeq } from '../common/http/parsed-param';
import { sendCachedPdf } from '../common/http/pdf';
import { IdParam } from '../common/http/uuid.pipe';
import { ApiErrors } from '../common/openapi/error-response';
import { normalizeTrackingCode } from './domain/tracking-code';
import { AuditHeadDto } from './dto/disclosure.dto';
import { ObjectionReceiptDto, ObjectionStatusDto, SubmitObjectionDto } from './dto/objection.dto';
import {
  PublicDisclosureDto,
  PublicDisclosurePageDto,
  PublicDisclosureQueryDto,
  PublicSocietyDto,
} from './dto/public.dto';
import { ObjectionRateLimit } from './objection-rate-limit';
import { ObjectionsService } from './objections.service';
import { PublicService } from './public.service';

// Public reads change rarely (a publication, an objection resolved): any cache may keep them briefly.
const SHORT_CACHE = 'public, max-age=30';
const NO_SOCIETY = { code: 'NOT_FOUND', when: 'no such society' } as const;
const NO_NOTICE = { code: 'NOT_FOUND', when: 'no such notice' } as const;

/** For residents, without signing in (API.md "Public"): nothing personal is ever answered here. */
@ApiTags('public')
@Controller('public')
export class PublicController {
  constructor(
    private readonly publicReads: PublicService,
    private readonly objections: ObjectionsService,
  ) {}

  @Get('societies/:sid')
  @Public()
  @Header('Cache-Control', SHORT_CACHE)
  @ApiOperation({
    summary: "A society's public page: contact and fund totals (this calendar year, society's time zone)",
  })
  @ApiOkResponse({ type: PublicSocietyDto })
  @ApiErrors(NO_SOCIETY)
  society(@IdParam('sid', 'society') sid: string) {
    return this.publicReads.society(sid);
  }

  @Get('societies/:sid/disclosures')
  @Public()
  @Header('Cache-Control', SHORT_CACHE)
  @ApiOperation({
    summary: "A society's active (default) or ended notices, newest first; never withdrawn ones",
  })
  @ApiOkResponse({ type: PublicDisclosurePageDto })
  @ApiErrors(NO_SOCIETY)
  disclosures(@IdParam('sid', 'society') sid: string, @Query() query: PublicDisclosureQueryDto) {
    return this.publicReads.list(sid, query);
  }

  @Get('disclosures/:did')
  @Public()
  @Header('Cache-Control', SHORT_CACHE)
  @ApiOperation({
    summary: 'One notice as published (the QR code leads here)',
    description:
      'A withdrawn notice answers 200 with `status: "withdrawn"` and nothing of its content: `items: []`, ' +
      '`totalFen: 0`, `note: null`, `pdfUrl: null`.',
  })
  @ApiOkResponse({ type: PublicDisclosureDto })
  @ApiErrors(NO_NOTICE)
  disclosure(@IdParam('did', 'disclosure') did: string) {
    return this.publicReads.disclosure(did);
  }

  @Get('disclosures/:did/notice.pdf')
  @Public()
  @ApiOperation({
    summary: 'The printable notice (A4 PDF, Chinese) with a QR code to its page for residents',
    description:
      'Rendered from the frozen snapshot and cached; `ETag` names its content, so `If-None-Match` with it ' +
      'answers 304 without rendering. `Cache-Control: public, max-age=60`. A withdrawn notice has none (404).',
  })
  @ApiProduces('application/pdf')
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'an ETag of an earlier answer' })
  @ApiOkResponse({
    description: 'the notice (A4 PDF)',
    schema: { type: 'string', format: 'binary' },
    headers: { ETag: { description: 'the notice content tag', schema: { type: 'string' } } },
  })
  @ApiResponse({ status: 304, description: 'Not Modified: `If-None-Match` names the current ETag' })
  @ApiErrors({ code: 'NOT_FOUND', when: 'no such notice, or it was withdrawn' })
  async noticePdf(
    @IdParam('did', 'disclosure') did: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendCachedPdf(request, reply, await this.publicReads.notice(did));
  }

  @Post('disclosures/:did/objections')
  @Public()
  @ObjectionRateLimit()
  @ApiOperation({
    summary: 'Object to a notice during its period (异议); answers a tracking code',
    description:
      'Contact name and phone are optional, stored encrypted and never public. `caseNo` names the item ' +
      'objected to; without it the objection is to the whole notice.',
  })
  @ApiCreatedResponse({ type: ObjectionReceiptDto })
  @ApiErrors(NO_NOTICE, {
    code: 'DISCLOSURE_NOT_ACTIVE',
    when: 'the notice is withdrawn or ended, or its period is over',
  })
  object(@IdParam('did', 'disclosure') did: string, @Body() dto: SubmitObjectionDto) {
    return this.objections.submit(did, dto);
  }

  @Get('objections/:trackingCode')
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Where an objection stands, by its tracking code (case, hyphens and spaces do not matter)',
  })
  @ApiParam({ name: 'trackingCode', schema: { type: 'string', example: 'ABCD-EFGH-JKMN', maxLength: 40 } })
  @ApiOkResponse({ type: ObjectionStatusDto })
  @ApiErrors({ code: 'NOT_FOUND', when: 'no objection has this code, or it is no code' })
  track(@ParsedParam('trackingCode', 'objection', normalizeTrackingCode) code: string) {
    return this.objections.track(code);
  }

  @Get('societies/:sid/audit-head')
  @Public()
  @Header('Cache-Control', SHORT_CACHE)
  @ApiOperation({
    summary: "The society's audit chain head now: seq and hash only (seq 0 and 64 zeros before any event)",
  })
  @ApiOkResponse({ type: AuditHeadDto })
  @ApiErrors(NO_SOCIETY)
  auditHead(@IdParam('sid', 'society') sid: string) {
    return this.publicReads.auditHead(sid);
  }

  @Get('societies/:sid/audit-head/:seq')
  @Public()
  // An event's hash never changes.
  @Header('Cache-Control', 'public, max-age=86400, immutable')
  @ApiOperation({
    summary: "Event `seq` of the society's audit chain: seq and hash only, never its data",
    description: 'A notice prints the head at its publication: the chain must still pass through it.',
  })
  @ApiParam({ name: 'seq', schema: { type: 'integer', minimum: 1, example: 42 } })
  @ApiOkResponse({ type: AuditHeadDto })
  @ApiErrors({ code: 'NOT_FOUND', when: 'no such society, or seq < 1 or beyond the head' })
  auditPoint(
    @IdParam('sid', 'society') sid: string,
    @ParsedParam('seq', 'audit event', parseSeq) seq: PathSeq,
  ) {
    return this.publicReads.auditPoint(sid, seq);
  }
}
