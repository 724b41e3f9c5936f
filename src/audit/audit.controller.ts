import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/access/roles';
import { ApiErrors } from '../common/openapi/error-response';
import { PageQueryDto } from '../common/pagination';
import { AuditService } from './audit.service';
import { PLATFORM_CHAIN } from './domain/hash-chain';
import { AuditPageDto, VerificationResponseDto } from './audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('societies/:sid/audit')
  @Roles('secretary', 'supervisor', 'admin', 'overseer')
  @ApiOperation({ summary: "The society's audit trail, oldest first (append-only, hash-chained)" })
  @ApiOkResponse({ type: AuditPageDto })
  list(@Param('sid') sid: string, @Query() query: PageQueryDto) {
    return this.audit.list(sid, query);
  }

  @Get('societies/:sid/audit/verification')
  @Roles('secretary', 'supervisor', 'admin', 'overseer')
  @ApiOperation({ summary: 'Recompute the hash chain; reports the first broken seq' })
  @ApiOkResponse({ type: VerificationResponseDto })
  verify(@Param('sid') sid: string) {
    return this.audit.verify(sid);
  }

  @Get('audit')
  @Roles('admin', 'overseer')
  @ApiOperation({ summary: "The installation's own audit trail (users and platform acts); not in API.md" })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiErrors('FORBIDDEN')
  listPlatform(@Query() query: PageQueryDto) {
    return this.audit.list(PLATFORM_CHAIN, query);
  }

  @Get('audit/verification')
  @Roles('admin', 'overseer')
  @ApiOperation({ summary: "Verify the installation's own audit chain; not in API.md" })
  @ApiOkResponse({ type: VerificationResponseDto })
  @ApiErrors('FORBIDDEN')
  verifyPlatform() {
    return this.audit.verify(PLATFORM_CHAIN);
  }
}
