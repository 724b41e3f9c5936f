import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../common/access/access.decorators';
import { CurrentUser, Principal } from '../common/access/roles';
import { TasksDto } from './dto/tasks.dto';
import { TasksService } from './tasks.service';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('me')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get('tasks')
  @Authenticated()
  @ApiOperation({
    summary: 'What waits for me across my societies, most urgent first (the console’s home screen)',
    description:
      'By my roles in each society: board — open votes without my ballot; treasurer — approved cases to pay; ' +
      'secretary — paid cases to publicise and my drafts; supervisor — open objections; collector — new leads ' +
      'and my drafts. A platform role alone has no tasks.',
  })
  @ApiOkResponse({ type: TasksDto })
  list(@CurrentUser() user: Principal) {
    return this.tasks.forUser(user);
  }
}
