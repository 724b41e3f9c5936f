import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ApiBearerAuth,
  ApiProduces,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Can, SocietyParam } from '../common/access/access.decorators';
import { CurrentUser, Principal } from '../common/access/roles';
import { Idempotent } from '../common/http/idempotency';
import { sendPdf } from '../common/http/pdf';
import { IdParam } from '../common/http/uuid.pipe';
import { ApiErrors } from '../common/openapi/error-response';
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

@ApiTags('donors')
@ApiBearerAuth()
@Controller('societies/:sid/donors')
@SocietyParam('sid')
export class DonorsController {
  constructor(
    private readonly donors: DonorsService,
    private readonly receipts: ReceiptsService,
  ) {}

  @Post()
  @Can('donor.record')
  @ApiOperation({ summary: 'Register a donor (phone stored encrypted; credit code checked)' })
  @ApiCreatedResponse({ type: DonorResponseDto })
  create(
    @IdParam('sid', 'society') sid: string,
    @Body() dto: CreateDonorDto,
    @CurrentUser() user: Principal,
  ) {
    return this.donors.create(sid, dto, user);
  }

  @Get()
  @Can('donor.read')
  @ApiOperation({
    summary: 'Donors by name; `q` matches part of the name, or a phone or credit code exactly',
  })
  @ApiOkResponse({ type: DonorPageDto })
  search(@IdParam('sid', 'society') sid: string, @Query() query: DonorQueryDto) {
    return this.donors.search(sid, query);
  }

  @Get(':did')
  @Can('donor.read')
  @ApiOperation({ summary: 'One donor, with the total of their recorded donations' })
  @ApiOkResponse({ type: DonorResponseDto })
  @ApiErrors({ code: 'NOT_FOUND', when: 'no such donor in this society' })
  get(@IdParam('sid', 'society') sid: string, @IdParam('did', 'donor', 'donorId') did: string) {
    return this.donors.get(sid, did);
  }

  @Get(':did/annual-receipt.pdf')
  @Can('receipt.read')
  @ApiOperation({ summary: "One receipt for the donor's recorded gifts in a calendar year (A4 PDF)" })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'the receipt (A4 PDF)', schema: { type: 'string', format: 'binary' } })
  @ApiErrors({ code: 'NOT_FOUND', when: 'no such donor, or no gift in that year' })
  async annualReceipt(
    @IdParam('sid', 'society') sid: string,
    @IdParam('did', 'donor', 'donorId') did: string,
    @Query() query: AnnualReceiptQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendPdf(reply, await this.receipts.annualReceipt(sid, did, query.year));
  }
}

@ApiTags('donations')
@ApiBearerAuth()
@Controller('societies/:sid/donations')
@SocietyParam('sid')
export class DonationsController {
  constructor(
    private readonly donations: DonationsService,
    private readonly receipts: ReceiptsService,
  ) {}

  @Post()
  @Can('donation.record')
  @Idempotent()
  @ApiOperation({
    summary: 'Record a donation: ledger entry and the next receipt number, in one transaction',
  })
  @ApiCreatedResponse({ type: DonationResponseDto })
  @ApiErrors({ code: 'NOT_FOUND', when: 'no such donor in this society' })
  record(
    @IdParam('sid', 'society') sid: string,
    @Body() dto: RecordDonationDto,
    @CurrentUser() user: Principal,
  ) {
    return this.donations.record(sid, dto, user);
  }

  @Get()
  @Can('donation.read')
  @ApiOperation({ summary: 'Donations, newest first; `from`/`to` filter the day received' })
  @ApiOkResponse({ type: DonationPageDto })
  list(@IdParam('sid', 'society') sid: string, @Query() query: DonationQueryDto) {
    return this.donations.list(sid, query);
  }

  @Get(':id')
  @Can('donation.read')
  @ApiOperation({ summary: 'One donation, with its void if any' })
  @ApiOkResponse({ type: DonationResponseDto })
  @ApiErrors({ code: 'NOT_FOUND', when: 'no such donation in this society' })
  get(@IdParam('sid', 'society') sid: string, @IdParam('id', 'donation') id: string) {
    return this.donations.get(sid, id);
  }

  @Get(':id/receipt.pdf')
  @Can('receipt.read')
  @ApiOperation({ summary: "The donor's receipt for one donation (A4 PDF; a voided one is marked 已作废)" })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'the receipt (A4 PDF)', schema: { type: 'string', format: 'binary' } })
  @ApiErrors({ code: 'NOT_FOUND', when: 'no such donation in this society' })
  async receipt(
    @IdParam('sid', 'society') sid: string,
    @IdParam('id', 'donation') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendPdf(reply, await this.receipts.donationReceipt(sid, id));
  }

  @Post(':id/void')
  @Can('donation.void')
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
    @IdParam('sid', 'society') sid: string,
    @IdParam('id', 'donation') id: string,
    @Body() dto: VoidDonationDto,
    @CurrentUser() user: Principal,
  ) {
    return this.donations.void(sid, id, dto, user);
  }
}
