import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { subscribes, WebhookEventType } from './domain/event-types';
import { NotificationsRepository } from './notifications.repository';

export interface RecordOptions {
  /** Raise the event once: a second record with the same key is a no-op (e.g. `disclosure.overdue:<caseId>`). */
  dedupeKey?: string;
}

/**
 * The outbox (API.md "Notifications"): every module records its events here, in the transaction of
 * the change they tell of, so an event exists exactly when its change committed. Delivery is the
 * dispatcher's, after the commit (webhook-delivery.job.ts): nothing here touches the network.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Joins the caller's transaction: writes the event and, when the society's webhook subscribes to
   * its type, a pending delivery. `data` holds no personal data beyond what the board may see (ids,
   * case and notice numbers, amounts, statuses). Returns the event's id, null for a repeated dedupeKey.
   */
  @Transactional()
  async record(
    societyId: string,
    type: WebhookEventType,
    data: Record<string, unknown>,
    options: RecordOptions = {},
  ): Promise<string | null> {
    const now = this.clock.now();
    const id = await this.repo.insertEvent(societyId, {
      type,
      occurredAt: now,
      data,
      dedupeKey: options.dedupeKey ?? null,
    });
    if (id === null) return null;
    const webhook = await this.repo.findWebhook(societyId);
    if (webhook && subscribes(webhook.events, type)) await this.repo.insertDelivery(societyId, id, now);
    return id;
  }
}
