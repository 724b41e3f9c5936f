import { Global, Module } from '@nestjs/common';
import { NotificationsRepository } from './notifications.repository';
import { OutboxService } from './outbox.service';
import { WebhookDeliveryJob } from './webhook-delivery.job';
import { WebhookSender } from './webhook-sender';
import { WebhookTargets } from './webhook-target';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** Global, like the audit trail: every module records its events in the outbox (OutboxService). */
@Global()
@Module({
  controllers: [WebhooksController],
  providers: [
    NotificationsRepository,
    OutboxService,
    WebhooksService,
    WebhookTargets,
    WebhookSender,
    WebhookDeliveryJob,
  ],
  exports: [OutboxService],
})
export class NotificationsModule {}
