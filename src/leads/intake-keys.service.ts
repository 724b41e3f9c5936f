import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../common/access/roles';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { formatIntakeKey, KEY_BYTES, shownPart } from './domain/intake-key';
import {
  CreatedIntakeKeyDto,
  CreateIntakeKeyDto,
  IntakeKeyDto,
  IntakeKeyListDto,
} from './dto/intake-key.dto';
import { IntakeKeyRecord, IntakeKeysRepository } from './intake-keys.repository';

/** The key a request came with, once the ApiKey guard has checked it. */
export interface IntakeCaller {
  keyId: string;
  societyId: string;
}

/** A key's stored form: hex SHA-256 (the key is 32 random bytes, so a fast hash is right). */
export function intakeKeyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * The keys a society gives its monitoring platforms: made (shown once), listed (never the key),
 * revoked; and the lookup of the ApiKey guard.
 */
@Injectable()
export class IntakeKeysService {
  constructor(
    private readonly repo: IntakeKeysRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async create(societyId: string, dto: CreateIntakeKeyDto, actor: Principal): Promise<CreatedIntakeKeyDto> {
    const key = formatIntakeKey(randomBytes(KEY_BYTES).toString('base64url'));
    const k = await this.repo.insertKey(societyId, {
      name: dto.name.trim(),
      keyHash: intakeKeyHash(key),
      keyPrefix: shownPart(key),
      createdBy: actor.id,
      createdAt: this.clock.now(),
    });
    await this.audit.record({
      societyId,
      actorId: actor.id,
      action: 'intake-key.created',
      entity: 'intake_key',
      entityId: k.id,
      data: { name: k.name, keyPrefix: k.keyPrefix },
    });
    return { id: k.id, name: k.name, key };
  }

  async list(societyId: string): Promise<IntakeKeyListDto> {
    return { items: (await this.repo.keys(societyId)).map(toDto) };
  }

  /** Revokes the key from now on (a key revoked already stays as it was); NOT_FOUND if not this society's. */
  @Transactional()
  async revoke(societyId: string, keyId: string, actor: Principal): Promise<void> {
    const k = await this.repo.findKey(societyId, keyId);
    if (!k) throw new AppError('NOT_FOUND', { entity: 'intake_key' });
    const revoked = await this.repo.revokeKey(societyId, keyId, this.clock.now());
    if (!revoked) return;
    await this.audit.record({
      societyId,
      actorId: actor.id,
      action: 'intake-key.revoked',
      entity: 'intake_key',
      entityId: k.id,
      data: { name: k.name, keyPrefix: k.keyPrefix },
    });
  }

  /** The society and key of a key in use; null for an unknown or revoked key. */
  async authenticate(key: string): Promise<IntakeCaller | null> {
    const k = await this.repo.findKeyByHash(intakeKeyHash(key));
    return k && k.revokedAt === null ? { keyId: k.id, societyId: k.societyId } : null;
  }
}

function toDto(k: IntakeKeyRecord): IntakeKeyDto {
  return {
    id: k.id,
    name: k.name,
    keyPrefix: k.keyPrefix,
    createdAt: k.createdAt.toISOString(),
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}
