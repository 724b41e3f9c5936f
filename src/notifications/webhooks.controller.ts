import { Body, Controller, Delete, Get, HttpCode, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can, SocietyParam } from '../common/access/access.decorators';
import { CurrentUser, Principal } from '../common/access/roles';
import { IdParam } from '../common/http/uuid.pipe';
import { ApiErrors } from '../common/openapi/error-response';
import { PageQueryDto } from '../common/pagination';
import { DeliveryPageDto, PutWebhookDto, WebhookResponseDto } from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

const NO_WEBHOOK = { code: 'NOT_FOUND', when: 'the society has no webhook' } as const;

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('societies/:sid/webhook')
@SocietyParam('sid')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Put()
  @Can('webhook.manage')
  @ApiOperation({
    summary: "Set the society's webhook (one per society; replaces the previous one)",
    description:
      'Events are POSTed after their change commits, as `{id, type, societyId, occurredAt, data}` with ' +
      '`X-Huzhu-Signature: sha256=<hex HMAC-SHA256 of the raw body with the secret>`; a non-2xx answer or ' +
      'no answer within 5 s is retried with exponential backoff for 24 h (receivers dedupe by `id`). The ' +
      "URL's host is resolved now and before each delivery: an internal address is refused.",
  })
  @ApiOkResponse({ type: WebhookResponseDto })
  put(
    @IdParam('sid', 'society') sid: string,
    @Body() dto: PutWebhookDto,
    @CurrentUser() user: Principal,
  ): Promise<WebhookResponseDto> {
    return this.webhooks.put(sid, dto, user);
  }

  @Get()
  @Can('webhook.manage')
  @ApiOperation({ summary: "The society's webhook, without its secret" })
  @ApiOkResponse({ type: WebhookResponseDto })
  @ApiErrors(NO_WEBHOOK)
  get(@IdParam('sid', 'society') sid: string): Promise<WebhookResponseDto> {
    return this.webhooks.get(sid);
  }

  @Delete()
  @Can('webhook.manage')
  @HttpCode(204)
  @ApiOperation({ summary: "Remove the society's webhook (deliveries still pending then fail)" })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiErrors(NO_WEBHOOK)
  async remove(@IdParam('sid', 'society') sid: string, @CurrentUser() user: Principal): Promise<void> {
    await this.webhooks.remove(sid, user);
  }

  @Get('deliveries')
  @Can('webhook.manage')
  @ApiOperation({ summary: 'Recent delivery attempts, newest first' })
  @ApiOkResponse({ type: DeliveryPageDto })
  deliveries(@IdParam('sid', 'society') sid: string, @Query() query: PageQueryDto) {
    return this.webhooks.deliveries(sid, query);
  }
}
