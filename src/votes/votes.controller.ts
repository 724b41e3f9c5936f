import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can, SocietyParam } from '../common/access/access.decorators';
import { CurrentUser, Principal } from '../common/access/roles';
import { IdParam } from '../common/http/uuid.pipe';
import { ApiErrors } from '../common/openapi/error-response';
import {
  CastBallotDto,
  OpenedVoteDto,
  OpenVoteDto,
  PendingVotesQueryDto,
  RecuseDto,
  VoteDetailDto,
  VotePageDto,
} from './dto/vote.dto';
import { VotesService } from './votes.service';

const NO_VOTE = {
  code: 'NOT_FOUND',
  when: 'no such case in this society, or it has never been voted on',
} as const;
const NOT_ELIGIBLE = { code: 'NOT_ELIGIBLE', when: 'not eligible in this vote, or recused' } as const;
const ALREADY_VOTED = { code: 'ALREADY_VOTED', when: 'the voter has a ballot in this vote' } as const;
const VOTE_CLOSED = { code: 'VOTE_CLOSED', when: 'the vote is closed, or past its deadline' } as const;

@ApiTags('votes')
@ApiBearerAuth()
@Controller('societies/:sid')
@SocietyParam('sid')
export class VotesController {
  constructor(private readonly votes: VotesService) {}

  @Post('cases/:cid/vote')
  @Can('vote.open')
  @ApiOperation({
    summary: "Open the board's vote on a case's aid; the amount is held on the fund",
    description:
      'Eligible voters are the active board members now. 409 INVALID_STATE also when the society has no board member.',
  })
  @ApiCreatedResponse({ type: OpenedVoteDto })
  @ApiErrors(
    { code: 'NOT_FOUND', when: 'no such case in this society' },
    { code: 'INVALID_STATE', when: 'the case is not a draft, or nobody is on the board' },
    { code: 'INSUFFICIENT_FUNDS', when: 'availableFen < amountFen' },
    { code: 'AMOUNT_OVER_CASE_CAP', when: "over the society's maxAidPerCaseFen" },
  )
  open(
    @IdParam('sid', 'society') sid: string,
    @IdParam('cid', 'case', 'caseId') cid: string,
    @Body() dto: OpenVoteDto,
    @CurrentUser() user: Principal,
  ) {
    return this.votes.open(sid, cid, dto, user);
  }

  @Get('cases/:cid/vote')
  @Can('vote.read')
  @ApiOperation({ summary: "The case's vote (the open one, else the latest) with its tally and ballots" })
  @ApiOkResponse({ type: VoteDetailDto })
  @ApiErrors(NO_VOTE)
  get(@IdParam('sid', 'society') sid: string, @IdParam('cid', 'case', 'caseId') cid: string) {
    return this.votes.get(sid, cid);
  }

  @Post('cases/:cid/vote/ballots')
  @Can('vote.ballot')
  @ApiOperation({
    summary: "A board member's own ballot, or the secretary's record of one in a meeting vote (`voterId`)",
    description: 'The ballot that decides the vote closes it and moves the case at once. Answers the vote.',
  })
  @ApiCreatedResponse({ type: VoteDetailDto })
  @ApiErrors(
    NO_VOTE,
    NOT_ELIGIBLE,
    { code: 'FORBIDDEN', when: '`voterId` sent by someone who is not the secretary' },
    ALREADY_VOTED,
    VOTE_CLOSED,
    { code: 'INVALID_STATE', when: '`voterId` in a remote vote' },
  )
  cast(
    @IdParam('sid', 'society') sid: string,
    @IdParam('cid', 'case', 'caseId') cid: string,
    @Body() dto: CastBallotDto,
    @CurrentUser() user: Principal,
  ) {
    return this.votes.cast(sid, cid, dto, user);
  }

  @Post('cases/:cid/vote/recusal')
  @Can('vote.recuse')
  @HttpCode(200)
  @ApiOperation({ summary: 'Recuse from the vote (a board member without a ballot); may decide the vote' })
  @ApiOkResponse({ type: VoteDetailDto })
  @ApiErrors(NO_VOTE, NOT_ELIGIBLE, ALREADY_VOTED, VOTE_CLOSED)
  recuse(
    @IdParam('sid', 'society') sid: string,
    @IdParam('cid', 'case', 'caseId') cid: string,
    @Body() dto: RecuseDto,
    @CurrentUser() user: Principal,
  ) {
    return this.votes.recuse(sid, cid, dto, user);
  }

  @Post('cases/:cid/vote/close')
  @Can('vote.close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the vote now: the ballots cast decide (the final tally)' })
  @ApiOkResponse({ type: VoteDetailDto })
  @ApiErrors(NO_VOTE, VOTE_CLOSED)
  close(
    @IdParam('sid', 'society') sid: string,
    @IdParam('cid', 'case', 'caseId') cid: string,
    @CurrentUser() user: Principal,
  ) {
    return this.votes.close(sid, cid, user);
  }

  @Get('votes/pending-mine')
  @Can('vote.pending')
  @ApiOperation({
    summary: 'Open votes where the caller is eligible and has not voted, soonest deadline first',
  })
  @ApiOkResponse({ type: VotePageDto })
  pendingMine(
    @IdParam('sid', 'society') sid: string,
    @Query() query: PendingVotesQueryDto,
    @CurrentUser() user: Principal,
  ) {
    return this.votes.pendingMine(sid, query, user);
  }
}
