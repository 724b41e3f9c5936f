import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can } from '../common/access/access.decorators';
import { ApiErrors } from '../common/openapi/error-response';
import { OversightPageDto, OversightQueryDto } from './oversight.dto';
import { OversightService } from './oversight.service';

@ApiTags('oversight')
@ApiBearerAuth()
@Controller('oversight')
export class OversightController {
  constructor(private readonly oversight: OversightService) {}

  @Get('societies')
  @Can('oversight.read')
  @ApiOperation({
    summary: 'Societies by region code (keyset pages): fund, cases by status, speed, overdue and open items',
    description:
      '`regionPrefix` (2–12 digits) narrows to a province, city, county, township or village. ' +
      '"This year" and "overdue" follow each society\'s own time zone.',
  })
  @ApiOkResponse({ type: OversightPageDto })
  @ApiErrors('FORBIDDEN')
  list(@Query() query: OversightQueryDto) {
    return this.oversight.list(query);
  }
}
