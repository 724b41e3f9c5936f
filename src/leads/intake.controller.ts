import { Body, Controller, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { KeyAuthenticated } from '../common/access/access.decorators';
import { RateLimit } from '../common/http/rate-limit';
import { errorExamples, ErrorResponseDto } from '../common/openapi/error-response';
import { ApiKeyGuard, intakeCallerOf } from './api-key.guard';
import { IntakeReceiptDto, IntakeWarningDto } from './dto/lead.dto';
import { LeadsService } from './leads.service';

const BAD_KEY = 'no `Authorization: ApiKey <key>`, or a malformed, unknown or revoked key';

/** For monitoring platforms (machines with an intake key), not for signed-in users. */
@ApiTags('leads')
@Controller('intake')
@KeyAuthenticated()
@UseGuards(ApiKeyGuard)
export class IntakeController {
  constructor(private readonly leads: LeadsService) {}

  @Post('warnings')
  @RateLimit('intake', (config) => config.INTAKE_RATE_LIMIT, '1m', {
    key: (request) => intakeCallerOf(request).keyId,
    per: 'intake key',
    limitName: 'INTAKE_RATE_LIMIT (default 600)',
  })
  @ApiOperation({
    summary: "A monitoring platform's warning: a new lead of the key's society (主动发现)",
    description:
      'Idempotent by `externalId` within the society: the same id again answers 200 with the same `leadId` ' +
      "and changes nothing. The subject's ID number (GB 11643, checked), phone and address are stored encrypted.",
  })
  @ApiCreatedResponse({ type: IntakeReceiptDto, description: 'a new lead' })
  @ApiOkResponse({ type: IntakeReceiptDto, description: 'this `externalId` was received before: its lead' })
  @ApiResponse({
    status: 401,
    description: `UNAUTHENTICATED: ${BAD_KEY}`,
    type: ErrorResponseDto,
    examples: errorExamples([{ code: 'UNAUTHENTICATED', when: BAD_KEY }]),
    headers: {
      'WWW-Authenticate': { description: '`ApiKey`', schema: { type: 'string', enum: ['ApiKey'] } },
    },
  })
  async receive(
    @Body() dto: IntakeWarningDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IntakeReceiptDto> {
    const { leadId, created } = await this.leads.receive(intakeCallerOf(request), dto);
    void reply.status(created ? 201 : 200);
    return { leadId };
  }
}
