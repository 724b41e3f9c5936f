import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/access/roles';

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
  @ApiOkResponse({ schema: { example: { status: 'ok', database: 'up' } } })
  @ApiServiceUnavailableResponse({
    schema: { example: { statusCode: 503, code: 'SERVICE_UNAVAILABLE', status: 'error', database: 'down' } },
  })
  async check(@Res({ passthrough: true }) reply: FastifyReply) {
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
