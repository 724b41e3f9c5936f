import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ApiBearerAuth,
  ApiProduces,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../common/access/roles';
import { ApiErrors } from '../common/openapi/error-response';
import { Idempotent } from '../fund/idempotency';
import { DonationsService } from './donations.service';
import { DonorsService } from './donors.service';
import { ReceiptsService } from './receipts.service';
import {
  AnnualReceiptQueryDto,
  DonationPageDto,
  DonationQueryDto,
  DonationResponseDto,
  RecordDonationDto,
  VoidDonationDto,
} from './dto/donation.dto';
import { CreateDonorDto, DonorPageDto, DonorQueryDto, DonorResponseDto } from './dto/donor.dto';

/** API.md "Roles": the treasurer records; secretary, supervisor and overseer read. */
export const DONATION_READERS = ['treasurer', 'secretary', 'supervisor', 'overseer'] as const;

@ApiTags('donors')
@ApiBearerAuth()
@Controller('societies/:sid/donors')
export class DonorsController {
  constructor(
    private readonly donors: DonorsService,
    private readonly receipts: ReceiptsService,
  ) {}

  @Post()
  @Roles('treasurer')
  @ApiOperation({ summary: 'Register a donor (phone stored encrypted; credit code checked)' })
  @ApiCreatedResponse({ type: DonorResponseDto })
  create(@Param('sid') sid: string, @Body() dto: CreateDonorDto, @CurrentUser() user: Principal) {
    return this.donors.create(sid, dto, user);
  }

  @Get()
  @Roles(...DONATION_READERS)
  @ApiOperation({
    summary: 'Donors by name; `q` matches part of the name, or a phone or credit code exactly',
  })
  @ApiOkResponse({ type: DonorPageDto })
  search(@Param('sid') sid: string, @Query() query: DonorQueryDto) {
    return this.donors.search(sid, query);
  }

  @Get(':did')
  @Roles(...DONATION_READERS)
  @ApiOperation({ summary: 'One donor, with the total of their recorded donations' })
  @ApiOkResponse({ type: DonorResponseDto })
  @ApiErrors({ code: 'NOT_FOUND', when: 'no such donor in this society' })
  get(@Param('sid') sid: string, @Param('did') did: string) {
    return this.donors.get(sid, did);
  }

  @Get(':did/annual-receipt.pdf')
  @Roles(...DONATION_READERS)
  @ApiOperation({ summary: "One receipt for the donor's recorded gifts in a calendar year (A4 PDF)" })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'the receipt (A4 PDF)', schema: { type: 'string', format: 'binary' } })
  @ApiErrors({ code: 'NOT_FOUND', when: 'no such donor, or no gift in that year' })
  async annualReceipt(
    @Param('sid') sid: string,
    @Param('did') did: string,
    @Query() query: AnnualReceiptQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendPdf(reply, await this.receipts.annualReceipt(sid, did, query.year));
  }
}

/** Sends a rendered PDF inline, named for saving. */
export function sendPdf(reply: FastifyReply, doc: { pdf: Buffer; filename: string }): Buffer {
  void reply
    .header('Content-Type', 'application/pdf')
    .header('Content-Disposition', `inline; filename="${doc.filename}"`)
    .header('Cache-Control', 'private, no-store');
  return doc.pdf;
}

@ApiTags('donations')
@ApiBearerAuth()
@Controller('societies/:sid/donations')
export class DonationsController {
  constructor(
    private readonly donations: DonationsService,
    private readonly receipts: ReceiptsService,
  ) {}

  @Post()
  @Roles('treasurer')
  @Idempotent()
  @ApiOperation({
    summary: 'Record a donation: ledger entry and the next receipt number, in one transaction',
  })
  @ApiCreatedResponse({ type: DonationResponseDto })
  @ApiErrors({ code: 'NOT_FOUND', when: 'no such donor in this society' })
  record(@Param('sid') sid: string, @Body() dto: RecordDonationDto, @CurrentUser() user: Principal) {
    return this.donations.record(sid, dto, user);
  }

  @Get()
  @Roles(...DONATION_READERS)
  @ApiOperation({ summary: 'Donations, newest first; `from`/`to` filter the day received' })
  @ApiOkResponse({ type: DonationPageDto })
  list(@Param('sid') sid: string, @Query() query: DonationQueryDto) {
    return this.donations.list(sid, query);
  }

  @Get(':id')
  @Roles(...DONATION_READERS)
  @ApiOperation({ summary: 'One donation, with its void if any' })
  @ApiOkResponse({ type: DonationResponseDto })
  @ApiErrors({ code: 'NOT_FOUND', when: 'no such donation in this society' })
  get(@Param('sid') sid: string, @Param('id') id: string) {
    return this.donations.get(sid, id);
  }

  @Get(':id/receipt.pdf')
  @Roles(...DONATION_READERS)
  @ApiOperation({ summary: "The donor's receipt for one donation (A4 PDF; a voided one is marked 已作废)" })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'the receipt (A4 PDF)', schema: { type: 'string', format: 'binary' } })
  @ApiErrors({ code: 'NOT_FOUND', when: 'no such donation in this society' })
  async receipt(
    @Param('sid') sid: string,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendPdf(reply, await this.receipts.donationReceipt(sid, id));
  }

  @Post(':id/void')
  @Roles('treasurer')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Void a donation with a reversing entry',
    description:
      'The reversal takes the money back out of the account it went into (cash or bank). 409 INSUFFICIENT_FUNDS ' +
      'when that account cannot cover it, or when the money is held for a vote or an unpaid case.',
  })
  @ApiOkResponse({ type: DonationResponseDto })
  @ApiErrors(
    { code: 'NOT_FOUND', when: 'no such donation in this society' },
    { code: 'INVALID_STATE', when: 'already voided' },
    { code: 'INSUFFICIENT_FUNDS', when: 'the money is held or already spent' },
  )
  void(
    @Param('sid') sid: string,
    @Param('id') id: string,
    @Body() dto: VoidDonationDto,
    @CurrentUser() user: Principal,
  ) {
    return this.donations.void(sid, id, dto, user);
  }
}
