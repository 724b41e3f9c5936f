import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock';
import { PiiCipher } from '../common/crypto/pii-cipher';
import { Job, ScheduledJob } from '../scheduler/scheduled-job';
import { afterFailure } from './domain/retry';
import { ClaimedDelivery, NotificationsRepository, WebhookRecord } from './notifications.repository';
import { WebhookSender } from './webhook-sender';
import { RefusedTarget, WebhookTargets } from './webhook-target';

/** A claimed delivery is left alone this long; a dispatcher that died mid-attempt gives it back then. */
export const CLAIM_LEASE_MS = 60_000;

const NO_WEBHOOK = 'the webhook was removed';

/**
 * Delivers the outbox after commit (API.md "Notifications"): every second, under the scheduler's
 * advisory lock, claims a small batch of due deliveries (SKIP LOCKED), POSTs them in parallel (5 s
 * each at most) and records each outcome: delivered, retried later (domain/retry.ts) or failed 24 h
 * after the event. Nothing here runs inside an API call, so a receiver that hangs or fails never
 * slows or fails one.
 */
@ScheduledJob()
@Injectable()
export class WebhookDeliveryJob implements Job {
  readonly name = 'webhooks.deliver';
  readonly everyMs = 1_000;
  static readonly BATCH = 10;
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly repo: NotificationsRepository,
    private readonly targets: WebhookTargets,
    private readonly sender: WebhookSender,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
  ) {}

  async run(now: Date): Promise<number> {
    const claimed = await this.repo.claimDue(
      now,
      new Date(now.getTime() + CLAIM_LEASE_MS),
      WebhookDeliveryJob.BATCH,
    );
    await Promise.all(claimed.map((d) => this.attempt(d)));
    return claimed.length;
  }

  private async attempt(d: ClaimedDelivery): Promise<void> {
    const webhook = await this.repo.findWebhook(d.societyId);
    const error = webhook ? await this.post(d, webhook) : NO_WEBHOOK;
    const attempts = d.attempts + 1;
    const now = this.clock.now();
    if (error === null) {
      await this.repo.recordAttempt(d.societyId, d.eventId, {
        attempts,
        status: 'delivered',
        nextAttemptAt: null,
        lastError: null,
        deliveredAt: now,
      });
      return;
    }
    // Removed meanwhile: nothing to send to, now or later.
    const next = webhook
      ? afterFailure(d.occurredAt, attempts, now, Math.random())
      : { retry: false as const };
    await this.repo.recordAttempt(d.societyId, d.eventId, {
      attempts,
      status: next.retry ? 'pending' : 'failed',
      nextAttemptAt: next.retry ? next.at : null,
      lastError: error.slice(0, 500),
      deliveredAt: null,
    });
    // The event's ids and the error only: never the URL (it may carry a token), the secret or the body.
    this.logger.warn(
      { societyId: d.societyId, eventId: d.eventId, type: d.type, attempts, error, gaveUp: !next.retry },
      next.retry ? 'webhook delivery failed; will retry' : 'webhook delivery failed for good',
    );
  }

  /** One attempt: null when delivered, else what went wrong. */
  private async post(d: ClaimedDelivery, webhook: WebhookRecord): Promise<string | null> {
    let target;
    try {
      target = await this.targets.vet(webhook.url);
    } catch (err) {
      if (err instanceof RefusedTarget) return `URL refused: ${err.en}`;
      throw err;
    }
    const body = JSON.stringify({
      id: d.eventId,
      type: d.type,
      societyId: d.societyId,
      occurredAt: d.occurredAt.toISOString(),
      data: d.data,
    });
    const outcome = await this.sender.send(target, body, this.cipher.decrypt(webhook.secretEnc));
    return outcome.ok ? null : outcome.error;
  }
}
