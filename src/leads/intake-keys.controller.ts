import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Can, SocietyParam } from '../common/access/access.decorators';
import { CurrentUser, Principal } from '../common/access/roles';
import { IdParam } from '../common/http/uuid.pipe';
import { ApiErrors } from '../common/openapi/error-response';
import { CreatedIntakeKeyDto, CreateIntakeKeyDto, IntakeKeyListDto } from './dto/intake-key.dto';
import { IntakeKeysService } from './intake-keys.service';

@ApiTags('leads')
@ApiBearerAuth()
@Controller('societies/:sid/intake-keys')
@SocietyParam('sid')
export class IntakeKeysController {
  constructor(private readonly keys: IntakeKeysService) {}

  @Post()
  @Can('intake-key.manage')
  @ApiOperation({
    summary: "A key for a monitoring platform's warnings to this society; the key is shown this once",
    description:
      'Only its SHA-256 is stored. The platform sends `Authorization: ApiKey <key>` to POST /intake/warnings.',
  })
  @ApiCreatedResponse({ type: CreatedIntakeKeyDto })
  create(
    @IdParam('sid', 'society') sid: string,
    @Body() dto: CreateIntakeKeyDto,
    @CurrentUser() user: Principal,
  ) {
    return this.keys.create(sid, dto, user);
  }

  @Get()
  @Can('intake-key.manage')
  @ApiOperation({
    summary: "The society's intake keys, oldest first (never the key: its first 8 characters)",
  })
  @ApiOkResponse({ type: IntakeKeyListDto })
  list(@IdParam('sid', 'society') sid: string) {
    return this.keys.list(sid);
  }

  @Delete(':kid')
  @Can('intake-key.manage')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke a key: from now on it is refused (401); its leads stay',
    description: 'Revoking a revoked key changes nothing (204 again).',
  })
  @ApiNoContentResponse({ description: 'revoked' })
  @ApiErrors({ code: 'NOT_FOUND', when: 'no such key in this society' })
  async revoke(
    @IdParam('sid', 'society') sid: string,
    @IdParam('kid', 'intake_key', 'keyId') kid: string,
    @CurrentUser() user: Principal,
  ): Promise<void> {
    await this.keys.revoke(sid, kid, user);
  }
}
