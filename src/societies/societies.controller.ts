import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, Can, SocietyParam } from '../common/access/access.decorators';
import { CurrentUser, Principal } from '../common/access/roles';
import { IdParam } from '../common/http/uuid.pipe';
import { ApiErrors } from '../common/openapi/error-response';
import { PageQueryDto } from '../common/pagination';
import {
  AddMemberDto,
  MemberPageDto,
  MemberQueryDto,
  MemberResponseDto,
  UpdateMemberDto,
} from './dto/member.dto';
import { CreateSocietyDto, SocietyPageDto, SocietyResponseDto, UpdateSocietyDto } from './dto/society.dto';
import { MembershipsService } from './memberships.service';
import { SocietiesService } from './societies.service';

@ApiTags('societies')
@ApiBearerAuth()
@Controller('societies')
@SocietyParam('sid')
export class SocietiesController {
  constructor(
    private readonly societies: SocietiesService,
    private readonly members: MembershipsService,
  ) {}

  @Post()
  @Can('society.create')
  @ApiOperation({ summary: 'Create a society (admin)' })
  @ApiCreatedResponse({ type: SocietyResponseDto })
  @ApiErrors('FORBIDDEN', { code: 'CONFLICT', when: 'a society of that name in the same region' })
  create(@Body() dto: CreateSocietyDto, @CurrentUser() user: Principal) {
    return this.societies.create(dto, user);
  }

  @Get()
  @Authenticated()
  @ApiOperation({ summary: "All societies for admin/overseer; the caller's own otherwise; by name" })
  @ApiOkResponse({ type: SocietyPageDto })
  list(@Query() query: PageQueryDto, @CurrentUser() user: Principal) {
    return this.societies.list(user, query);
  }

  @Get(':sid')
  @Can('society.read')
  @ApiOperation({ summary: 'One society with its settings (bylaws)' })
  @ApiOkResponse({ type: SocietyResponseDto })
  get(@IdParam('sid', 'society') sid: string) {
    return this.societies.get(sid);
  }

  @Patch(':sid')
  @Can('society.update')
  @ApiOperation({ summary: 'Edit details and settings (partial; settings are merged key by key)' })
  @ApiOkResponse({ type: SocietyResponseDto })
  @ApiErrors({ code: 'CONFLICT', when: 'a society of that name in the same region' })
  update(
    @IdParam('sid', 'society') sid: string,
    @Body() dto: UpdateSocietyDto,
    @CurrentUser() user: Principal,
  ) {
    return this.societies.update(sid, dto, user);
  }

  @Get(':sid/members')
  @Can('member.read')
  @ApiOperation({ summary: 'Active members; `includeInactive=true` adds ended memberships (history)' })
  @ApiOkResponse({ type: MemberPageDto })
  listMembers(@IdParam('sid', 'society') sid: string, @Query() query: MemberQueryDto) {
    return this.members.list(sid, query);
  }

  @Post(':sid/members')
  @Can('member.manage')
  @ApiOperation({ summary: 'Give a user roles in the society' })
  @ApiCreatedResponse({ type: MemberResponseDto })
  @ApiErrors(
    { code: 'NOT_FOUND', when: 'no such user' },
    { code: 'CONFLICT', when: 'the user is already a member' },
  )
  addMember(
    @IdParam('sid', 'society') sid: string,
    @Body() dto: AddMemberDto,
    @CurrentUser() user: Principal,
  ) {
    return this.members.add(sid, dto, user);
  }

  @Patch(':sid/members/:userId')
  @Can('member.manage')
  @ApiOperation({ summary: "Replace a member's roles" })
  @ApiOkResponse({ type: MemberResponseDto })
  @ApiErrors({ code: 'NOT_FOUND', when: 'no active membership of that user' })
  updateMember(
    @IdParam('sid', 'society') sid: string,
    @IdParam('userId', 'member') userId: string,
    @Body() dto: UpdateMemberDto,
    @CurrentUser() user: Principal,
  ) {
    return this.members.updateRoles(sid, userId, dto, user);
  }

  @Delete(':sid/members/:userId')
  @Can('member.manage')
  @HttpCode(204)
  @ApiOperation({ summary: 'End a membership (the record is kept as history)' })
  @ApiNoContentResponse({ description: 'ended' })
  @ApiErrors({ code: 'NOT_FOUND', when: 'no active membership of that user' })
  removeMember(
    @IdParam('sid', 'society') sid: string,
    @IdParam('userId', 'member') userId: string,
    @CurrentUser() user: Principal,
  ) {
    return this.members.deactivate(sid, userId, user);
  }
}
