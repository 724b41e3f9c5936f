import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can, SocietyParam } from '../common/access/access.decorators';
import { IdParam } from '../common/http/uuid.pipe';
import { ApiErrors } from '../common/openapi/error-response';
import { PageQueryDto } from '../common/pagination';
import { AuditService } from './audit.service';
import { PLATFORM_CHAIN } from './domain/hash-chain';
import { AuditPageDto, VerificationResponseDto } from './audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller()
@SocietyParam('sid')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('societies/:sid/audit')
  @Can('audit.read')
  @ApiOperation({ summary: "The society's audit trail, oldest first (append-only, hash-chained)" })
  @ApiOkResponse({ type: AuditPageDto })
  list(@IdParam('sid', 'society') sid: string, @Query() query: PageQueryDto) {
    return this.audit.list(sid, query);
  }

  @Get('societies/:sid/audit/verification')
  @Can('audit.read')
  @ApiOperation({ summary: 'Recompute the hash chain; reports the first broken seq' })
  @ApiOkResponse({ type: VerificationResponseDto })
  verify(@IdParam('sid', 'society') sid: string) {
    return this.audit.verify(sid);
  }

  @Get('audit')
  @Can('platform-audit.read')
  @ApiOperation({ summary: "The installation's own audit trail (users and platform acts); not in API.md" })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiErrors('FORBIDDEN')
  listPlatform(@Query() query: PageQueryDto) {
    return this.audit.list(PLATFORM_CHAIN, query);
  }

  @Get('audit/verification')
  @Can('platform-audit.read')
  @ApiOperation({ summary: "Verify the installation's own audit chain; not in API.md" })
  @ApiOkResponse({ type: VerificationResponseDto })
  @ApiErrors('FORBIDDEN')
  verifyPlatform() {
    return this.audit.verify(PLATFORM_CHAIN);
  }
}
