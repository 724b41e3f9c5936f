import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can, SocietyParam } from '../common/access/access.decorators';
import { CurrentUser, Principal } from '../common/access/roles';
import { Idempotent } from '../common/http/idempotency';
import { IdParam } from '../common/http/uuid.pipe';
import { ApiErrors } from '../common/openapi/error-response';
import { RecoverCaseDto, RecoveryResponseDto } from './dto/recovery.dto';
import { RecoveriesService } from './recoveries.service';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('societies/:sid/cases/:cid/recovery')
@SocietyParam('sid')
export class RecoveriesController {
  constructor(private readonly recoveries: RecoveriesService) {}

  @Post()
  @Can('case.recover')
  @Idempotent()
  @ApiOperation({
    summary: 'Record the money recovered from a disputed case (追回); the case becomes `recovered`',
    description:
      'The money goes back into `bank` (default) or `cash`, credited to `recoveries`. At most what was paid; a part is allowed.',
  })
  @ApiCreatedResponse({ type: RecoveryResponseDto })
  @ApiErrors(
    { code: 'NOT_FOUND', when: 'no such case in this society' },
    { code: 'INVALID_STATE', when: 'the case is not `disputed` (e.g. already recovered or cleared)' },
    { code: 'AMOUNT_EXCEEDS_APPROVED', when: 'more than was paid (`details.paidFen`)' },
  )
  recover(
    @IdParam('sid', 'society') sid: string,
    @IdParam('cid', 'case', 'caseId') cid: string,
    @Body() dto: RecoverCaseDto,
    @CurrentUser() user: Principal,
  ) {
    return this.recoveries.recover(sid, cid, dto, user);
  }
}
