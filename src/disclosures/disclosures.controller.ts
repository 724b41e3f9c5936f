import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can, SocietyParam } from '../common/access/access.decorators';
import { CurrentUser, Principal } from '../common/access/roles';
import { IdParam } from '../common/http/uuid.pipe';
import { ApiErrors } from '../common/openapi/error-response';
import { PageQueryDto } from '../common/pagination';
import { DisclosuresService } from './disclosures.service';
import {
  AwaitingCasePageDto,
  DisclosurePageDto,
  DisclosureQueryDto,
  DisclosureResponseDto,
  PublishDisclosureDto,
  WithdrawDisclosureDto,
} from './dto/disclosure.dto';

const NO_NOTICE = { code: 'NOT_FOUND', when: 'no such notice in this society' } as const;

@ApiTags('disclosures')
@ApiBearerAuth()
@Controller('societies/:sid/disclosures')
@SocietyParam('sid')
export class DisclosuresController {
  constructor(private readonly disclosures: DisclosuresService) {}

  @Post()
  @Can('disclosure.publish')
  @ApiOperation({
    summary: 'Publish a public notice of paid cases (publicize later); each case becomes `publicized`',
    description:
      'The notice is a frozen snapshot of the public items (pseudonym or masked name, category, amount, dates, ' +
      'vote counts; nothing else personal) with its SHA-256 and the audit head now. The disclosure period starts ' +
      "today and lasts the society's `disclosureDays` whole local days. `items` always come from that snapshot.",
  })
  @ApiCreatedResponse({ type: DisclosureResponseDto })
  @ApiErrors(
    { code: 'NOT_FOUND', when: 'a case that is not in this society (`details.caseId`)' },
    { code: 'INVALID_STATE', when: 'a case that is not `paid` (`details: {caseNo, status}`)' },
  )
  publish(
    @IdParam('sid', 'society') sid: string,
    @Body() dto: PublishDisclosureDto,
    @CurrentUser() user: Principal,
  ) {
    return this.disclosures.publish(sid, dto, user);
  }

  @Get()
  @Can('disclosure.read')
  @ApiOperation({ summary: "The society's notices, newest first" })
  @ApiOkResponse({ type: DisclosurePageDto })
  list(@IdParam('sid', 'society') sid: string, @Query() query: DisclosureQueryDto) {
    return this.disclosures.list(sid, query);
  }

  @Get('awaiting')
  @Can('disclosure.read')
  @ApiOperation({
    summary: 'Paid cases waiting for a notice, oldest payment first, with their deadline',
    description:
      'Each with the public item a notice published today would show, the last day the notice is in time ' +
      "(`dueOn`: the payment day + the society's `disclosureDeadlineDays`) and the days left to it (negative: " +
      'overdue). Not in API.md: added for the console, so the secretary sees what to publish and what is late.',
  })
  @ApiOkResponse({ type: AwaitingCasePageDto })
  awaiting(@IdParam('sid', 'society') sid: string, @Query() query: PageQueryDto) {
    return this.disclosures.awaiting(sid, query);
  }

  @Get(':did')
  @Can('disclosure.read')
  @ApiOperation({ summary: 'One notice, as published' })
  @ApiOkResponse({ type: DisclosureResponseDto })
  @ApiErrors(NO_NOTICE)
  get(@IdParam('sid', 'society') sid: string, @IdParam('did', 'disclosure') did: string) {
    return this.disclosures.get(sid, did);
  }

  @Post(':did/withdraw')
  @Can('disclosure.withdraw')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw an active notice within its period; its cases return to `paid`',
    description: 'Refused while an objection to it is open or one of its cases is disputed.',
  })
  @ApiOkResponse({ type: DisclosureResponseDto })
  @ApiErrors(
    NO_NOTICE,
    { code: 'DISCLOSURE_NOT_ACTIVE', when: 'withdrawn or ended already, or past `endsAt`' },
    {
      code: 'INVALID_STATE',
      when: 'an objection is open or a case disputed (`details: {openObjections, disputedCases}`)',
    },
  )
  withdraw(
    @IdParam('sid', 'society') sid: string,
    @IdParam('did', 'disclosure') did: string,
    @Body() dto: WithdrawDisclosureDto,
    @CurrentUser() user: Principal,
  ) {
    return this.disclosures.withdraw(sid, did, dto, user);
  }
}
