import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Can, SocietyParam } from '../common/access/access.decorators';
import { CurrentUser, Principal } from '../common/access/roles';
import { IdParam } from '../common/http/uuid.pipe';
import { ApiErrors } from '../common/openapi/error-response';
import { ConvertLeadDto, DismissLeadDto, LeadDto, LeadPageDto, LeadQueryDto } from './dto/lead.dto';
import { LeadsService } from './leads.service';

const NOT_FOUND = { code: 'NOT_FOUND', when: 'no such lead in this society' } as const;
const NOT_NEW = { code: 'INVALID_STATE', when: 'the lead was converted or dismissed already' } as const;

@ApiTags('leads')
@ApiBearerAuth()
@Controller('societies/:sid/leads')
@SocietyParam('sid')
export class LeadsController {
  constructor(private readonly leads: LeadsService) {}

  @Get()
  @Can('lead.read')
  @ApiOperation({
    summary: "Warnings from the society's monitoring platforms, newest first (subjects masked)",
    description: 'Only the leads sent with this society’s keys.',
  })
  @ApiOkResponse({ type: LeadPageDto })
  list(@IdParam('sid', 'society') sid: string, @Query() query: LeadQueryDto) {
    return this.leads.list(sid, query);
  }

  @Post(':lid/convert')
  @Can('lead.convert')
  @ApiOperation({
    summary:
      'Turn a new lead into a draft case (source `platform_warning`, applicant prefilled), filed by the caller',
    description:
      'Answers the case as POST /societies/{sid}/cases does. The description defaults to the indicators. ' +
      'A case needs an ID number: a lead without one is a 400 on `idNumber` unless the body gives it.',
  })
  // The case exactly as the cases module documents it (its schema, not a copy of its DTO).
  @ApiCreatedResponse({ description: 'the draft case', schema: { $ref: getSchemaPath('CaseResponseDto') } })
  @ApiErrors(NOT_FOUND, NOT_NEW)
  convert(
    @IdParam('sid', 'society') sid: string,
    @IdParam('lid', 'lead', 'leadId') lid: string,
    @Body() dto: ConvertLeadDto,
    @CurrentUser() user: Principal,
  ) {
    return this.leads.convert(sid, lid, dto, user);
  }

  @Post(':lid/dismiss')
  @Can('lead.dismiss')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a new lead without a case, with the reason' })
  @ApiOkResponse({ type: LeadDto })
  @ApiErrors(NOT_FOUND, NOT_NEW)
  dismiss(
    @IdParam('sid', 'society') sid: string,
    @IdParam('lid', 'lead', 'leadId') lid: string,
    @Body() dto: DismissLeadDto,
    @CurrentUser() user: Principal,
  ) {
    return this.leads.dismiss(sid, lid, dto, user);
  }
}
