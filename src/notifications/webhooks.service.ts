import { Transactional } from '@nestjs-cls/transactional';
import { reencrypted } from '../common/crypto/pii-rotation';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../common/access/roles';
import { Clock } from '../common/clock';
import { PiiCipher } from '../common/crypto/pii-cipher';
import { AppError } from '../common/errors/app-error';
import { fieldError } from '../common/errors/validation';
import { decodeCursor, limitOf, Page, PageQueryDto, toPage } from '../common/pagination';
import { WebhookEventType } from './domain/event-types';
import { DeliveryResponseDto, PutWebhookDto, WebhookResponseDto } from './dto/webhook.dto';
import { DeliveryRecord, NotificationsRepository, WebhookRecord } from './notifications.repository';
import { RefusedTarget, WebhookTargets } from './webhook-target';

/**
 * A society's webhook (API.md "Notifications (webhooks)"): set, read, removed by the secretary, and
 * its delivery log. The secret is stored encrypted and never answered; the audit trail names only
 * the URL's host.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly targets: WebhookTargets,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Sets (or replaces) the webhook once its URL passes the rules and its host resolves to allowed
   * addresses only (webhook-target.ts). The name is resolved before the transaction opens: no
   * connection is held while DNS answers.
   */
  async put(societyId: string, dto: PutWebhookDto, actor: Principal): Promise<WebhookResponseDto> {
    const url = dto.url.trim();
    try {
      await this.targets.vet(url);
    } catch (err) {
      if (err instanceof RefusedTarget) throw fieldError('url', err.zh, err.en);
      throw err;
    }
    return this.store(societyId, { ...dto, url }, actor);
  }

  async get(societyId: string): Promise<WebhookResponseDto> {
    const w = await this.repo.findWebhook(societyId);
    if (!w) throw new AppError('NOT_FOUND', { entity: 'webhook' });
    return toDto(w);
  }

  /** Removes the webhook; deliveries still pending then fail (nothing to send them to). */
  @Transactional()
  async remove(societyId: string, actor: Principal): Promise<void> {
    if (!(await this.repo.deleteWebhook(societyId))) throw new AppError('NOT_FOUND', { entity: 'webhook' });
    await this.audit.record({
      societyId,
      actorId: actor.id,
      action: 'webhook.removed',
      entity: 'webhook',
      entityId: null,
      data: {},
    });
  }

  /** The delivery log, newest first. */
  async deliveries(societyId: string, query: PageQueryDto): Promise<Page<DeliveryResponseDto>> {
    const limit = limitOf(query);
    const after = decodeCursor(query.cursor, ['time', 'uuid']) as [string, string] | null;
    const rows = await this.repo.deliveriesPage(societyId, after, limit + 1);
    return toPage(rows, limit, (d) => [d.createdAt.toISOString(), d.eventId], deliveryDto);
  }

  @Transactional()
  private async store(societyId: string, dto: PutWebhookDto, actor: Principal): Promise<WebhookResponseDto> {
    const events = dto.events ?? null;
    const w = await this.repo.upsertWebhook(
      societyId,
      { url: dto.url, secretEnc: this.cipher.encrypt(dto.secret), events },
      this.clock.now(),
    );
    await this.audit.record({
      societyId,
      actorId: actor.id,
      action: 'webhook.configured',
      entity: 'webhook',
      entityId: null,
      // The host only: a URL's path or query may carry the receiver's own token.
      data: { host: new URL(dto.url).host, events },
    });
    return toDto(w);
  }

  /** One batch of pii:rotate: webhook secrets re-encrypted under the current key. */
  @Transactional()
  async rotatePii(limit: number): Promise<number> {
    const rows = await this.repo.secretsToRotate(this.cipher.currentPrefix, limit);
    for (const r of rows) await this.repo.setSecretEnc(r.societyId, reencrypted(this.cipher, r.secretEnc)!);
    return rows.length;
  }
}

function toDto(w: WebhookRecord): WebhookResponseDto {
  return {
    url: w.url,
    events: w.events as WebhookEventType[] | null,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  };
}

function deliveryDto(d: DeliveryRecord): DeliveryResponseDto {
  return {
    eventId: d.eventId,
    type: d.type as WebhookEventType,
    status: d.status,
    attempts: d.attempts,
    ...(d.lastError !== null ? { lastError: d.lastError } : {}),
    ...(d.deliveredAt !== null ? { deliveredAt: d.deliveredAt.toISOString() } : {}),
  };
}
