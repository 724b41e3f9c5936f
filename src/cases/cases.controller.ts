import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can, SocietyParam } from '../common/access/access.decorators';
import { CurrentUser, Principal } from '../common/access/roles';
import { IdParam } from '../common/http/uuid.pipe';
import { ApiErrors } from '../common/openapi/error-response';
import { CasesService } from './cases.service';
import {
  CaseDetailDto,
  CasePageDto,
  CaseQueryDto,
  CaseResponseDto,
  ClearCaseDto,
  CreateCaseDto,
  RevealedCaseDto,
  UpdateCaseDto,
  WithdrawCaseDto,
} from './dto/case.dto';

const NOT_FOUND = {
  code: 'NOT_FOUND',
  when: 'no such case in this society, or not one the caller may see',
} as const;

@ApiTags('cases')
@ApiBearerAuth()
@Controller('societies/:sid/cases')
@SocietyParam('sid')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @Can('case.create')
  @ApiOperation({
    summary: 'File an emergency case (a draft numbered 2026-0001); personal data stored encrypted',
    description: '`warnings` names earlier aid to the same person this year, here or in another society.',
  })
  @ApiCreatedResponse({ type: CaseResponseDto })
  create(@IdParam('sid', 'society') sid: string, @Body() dto: CreateCaseDto, @CurrentUser() user: Principal) {
    return this.cases.create(sid, dto, user);
  }

  @Get()
  @Can('case.read')
  @ApiOperation({
    summary: 'Cases, newest first; `q` matches the case number, the pseudonym, or an exact name or ID number',
    description: 'A collector sees only the drafts they filed.',
  })
  @ApiOkResponse({ type: CasePageDto })
  list(@IdParam('sid', 'society') sid: string, @Query() query: CaseQueryDto, @CurrentUser() user: Principal) {
    return this.cases.list(sid, query, user);
  }

  @Get(':cid')
  @Can('case.read')
  @ApiOperation({ summary: 'One case, masked, with its timeline' })
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiErrors(NOT_FOUND)
  get(
    @IdParam('sid', 'society') sid: string,
    @IdParam('cid', 'case', 'caseId') cid: string,
    @CurrentUser() user: Principal,
  ) {
    return this.cases.get(sid, cid, user);
  }

  @Patch(':cid')
  @Can('case.update')
  @ApiOperation({ summary: 'Change a draft (`applicant` and `payee` replace the whole object)' })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiErrors(NOT_FOUND, { code: 'INVALID_STATE', when: 'the case is no longer a draft' })
  update(
    @IdParam('sid', 'society') sid: string,
    @IdParam('cid', 'case', 'caseId') cid: string,
    @Body() dto: UpdateCaseDto,
    @CurrentUser() user: Principal,
  ) {
    return this.cases.update(sid, cid, dto, user);
  }

  @Post(':cid/reveal')
  @Can('case.reveal')
  @HttpCode(200)
  @ApiOperation({ summary: "The applicant's and payee's full data (audited)" })
  @ApiOkResponse({ type: RevealedCaseDto })
  @ApiErrors(NOT_FOUND)
  reveal(
    @IdParam('sid', 'society') sid: string,
    @IdParam('cid', 'case', 'caseId') cid: string,
    @CurrentUser() user: Principal,
  ) {
    return this.cases.reveal(sid, cid, user);
  }

  @Post(':cid/withdraw')
  @Can('case.withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a draft, a case under vote or an approved one; any hold is released' })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiErrors(NOT_FOUND, { code: 'INVALID_STATE', when: 'paid, rejected, withdrawn or later' })
  withdraw(
    @IdParam('sid', 'society') sid: string,
    @IdParam('cid', 'case', 'caseId') cid: string,
    @Body() dto: WithdrawCaseDto,
    @CurrentUser() user: Principal,
  ) {
    return this.cases.withdraw(sid, cid, dto, user);
  }

  @Post(':cid/clear')
  @Can('case.clear')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Clear a dispute without recovery (supervisor): a `disputed` case becomes `closed`',
    description: 'The reason is kept on the timeline and in the audit trail. Answers the case as GET does.',
  })
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiErrors(NOT_FOUND, { code: 'INVALID_STATE', when: 'the case is not `disputed`' })
  clear(
    @IdParam('sid', 'society') sid: string,
    @IdParam('cid', 'case', 'caseId') cid: string,
    @Body() dto: ClearCaseDto,
    @CurrentUser() user: Principal,
  ) {
    return this.cases.clear(sid, cid, dto, user);
  }
}
