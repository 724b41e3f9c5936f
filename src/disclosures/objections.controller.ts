import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can, SocietyParam } from '../common/access/access.decorators';
import { CurrentUser, Principal } from '../common/access/roles';
import { IdParam } from '../common/http/uuid.pipe';
import { ApiErrors } from '../common/openapi/error-response';
import {
  ObjectionPageDto,
  ObjectionQueryDto,
  ObjectionResponseDto,
  ResolveObjectionDto,
} from './dto/objection.dto';
import { ObjectionsService } from './objections.service';

@ApiTags('disclosures')
@ApiBearerAuth()
@Controller('societies/:sid/objections')
@SocietyParam('sid')
export class ObjectionsController {
  constructor(private readonly objections: ObjectionsService) {}

  @Get()
  @Can('objection.read')
  @ApiOperation({
    summary: "Residents' objections to the society's notices, newest first (contacts masked)",
  })
  @ApiOkResponse({ type: ObjectionPageDto })
  list(@IdParam('sid', 'society') sid: string, @Query() query: ObjectionQueryDto) {
    return this.objections.list(sid, query);
  }

  @Get(':oid')
  @Can('objection.read')
  @ApiOperation({ summary: 'One objection (contacts masked); not in API.md: added for the console' })
  @ApiOkResponse({ type: ObjectionResponseDto })
  @ApiErrors({ code: 'NOT_FOUND', when: 'no such objection in this society' })
  get(@IdParam('sid', 'society') sid: string, @IdParam('oid', 'objection') oid: string) {
    return this.objections.get(sid, oid);
  }

  @Post(':oid/resolution')
  @Can('objection.resolve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Dismiss or uphold an open objection; upheld puts the case in dispute',
    description:
      "Upheld: the objection's case (else `caseId`, required then) goes from `publicized` to `disputed` " +
      '(an already disputed or recovered case stays so). On a notice whose period is over, the cases no ' +
      'open objection holds any more close.',
  })
  @ApiOkResponse({ type: ObjectionResponseDto })
  @ApiErrors(
    { code: 'NOT_FOUND', when: 'no such objection in this society' },
    {
      code: 'INVALID_STATE',
      when: 'the objection is resolved already, or (upheld) the case is closed: its dispute was cleared',
    },
  )
  resolve(
    @IdParam('sid', 'society') sid: string,
    @IdParam('oid', 'objection') oid: string,
    @Body() dto: ResolveObjectionDto,
    @CurrentUser() user: Principal,
  ) {
    return this.objections.resolve(sid, oid, dto, user);
  }
}
