import { Controller, Get, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/access/access.decorators';
import { ErrorResponseDto } from '../common/openapi/error-response';
import { HealthDownDto, HealthDto } from './health.dto';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and database reachability; 503 while the database is down' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDownDto, description: 'the database is down' })
  // This route has no client error of its own; the range says what any 4xx would look like.
  @ApiResponse({ status: '4XX', type: ErrorResponseDto, description: 'none expected; the error schema' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto | HealthDownDto> {
    try {
      await this.health.check([() => this.db.pingCheck('database', { timeout: 2000 })]);
      return { status: 'ok', database: 'up' };
    } catch {
      void reply.status(503);
      return {
        statusCode: 503,
        code: 'SERVICE_UNAVAILABLE',
        message: '数据库不可用',
        status: 'error',
        database: 'down',
      };
    }
  }
}
