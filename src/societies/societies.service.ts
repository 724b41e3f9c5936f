import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { Principal } from '../common/access/roles';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { decodeCursor, limitOf, Page, PageQueryDto, toPage } from '../common/pagination';
import {
  DEFAULT_SETTINGS,
  DEFAULT_TIMEZONE,
  mergeSettings,
  settingsProblems,
  SocietySettings,
} from './domain/settings';
import { CreateSocietyDto, SocietyResponseDto, UpdateSocietyDto } from './dto/society.dto';
import { SocietiesRepository, SocietyFields } from './societies.repository';
import { SocietyEntity } from './society.entity';

@Injectable()
export class SocietiesService {
  constructor(
    private readonly societies: SocietiesRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async create(dto: CreateSocietyDto, actor: Principal): Promise<SocietyResponseDto> {
    const settings = validSettings(mergeSettings(DEFAULT_SETTINGS, dto.settings as Partial<SocietySettings>));
    const now = this.clock.now();
    // A name taken in the region is a unique violation: 409 CONFLICT (common/errors/unique-violation.ts).
    const society = await this.societies.insert({
      name: dto.name.trim(),
      regionCode: dto.regionCode,
      address: dto.address ?? null,
      contactPhone: dto.contactPhone ?? null,
      timezone: dto.timezone ?? DEFAULT_TIMEZONE,
      settings,
      createdAt: now,
      updatedAt: now,
    });
    await this.audit.record({
      societyId: society.id,
      actorId: actor.id,
      action: 'society.created',
      entity: 'society',
      entityId: society.id,
      data: { name: society.name, regionCode: society.regionCode, timezone: society.timezone, settings },
    });
    return toSocietyDto(society);
  }

  @Transactional()
  async update(id: string, dto: UpdateSocietyDto, actor: Principal): Promise<SocietyResponseDto> {
    const society = await this.societies.lock(id);
    if (!society) throw AppError.notFound('society');
    const before = toSocietyDto(society);
    const changes: Partial<SocietyFields> = {};
    if (dto.name !== undefined) changes.name = dto.name.trim();
    if (dto.regionCode !== undefined) changes.regionCode = dto.regionCode;
    if (dto.address !== undefined) changes.address = dto.address;
    if (dto.contactPhone !== undefined) changes.contactPhone = dto.contactPhone;
    if (dto.timezone !== undefined) changes.timezone = dto.timezone;
    if (dto.settings !== undefined) {
      changes.settings = validSettings(
        mergeSettings(society.settings, dto.settings as Partial<SocietySettings>),
      );
    }
    const changed = diff(before, toSocietyDto({ ...society, ...changes }));
    let updated = society;
    // Only a real change is written and moves updatedAt (as TypeORM's save() did).
    if (Object.keys(changed).length > 0) {
      updated = { ...society, ...changes, updatedAt: this.clock.now() };
      await this.societies.update(id, { ...changes, updatedAt: updated.updatedAt });
    }
    const after = toSocietyDto(updated);
    await this.audit.record({
      societyId: id,
      actorId: actor.id,
      action: 'society.updated',
      entity: 'society',
      entityId: id,
      data: { changes: changed },
    });
    return after;
  }

  async get(id: string): Promise<SocietyResponseDto> {
    return toSocietyDto(await this.find(id));
  }

  async find(id: string): Promise<SocietyEntity> {
    const society = await this.societies.find(id);
    if (!society) throw AppError.notFound('society');
    return society;
  }

  /** These societies (ids not found are left out), in one statement: their time zones and settings. */
  async findMany(ids: readonly string[]): Promise<SocietyEntity[]> {
    return ids.length === 0 ? [] : this.societies.findMany(ids);
  }

  /** Also asked by the access guard, which runs before the UUID pipe: any string is a fair question. */
  async exists(id: string): Promise<boolean> {
    return isUUID(id) && (await this.societies.exists(id));
  }

  /** Whether any society exists (src/demo/ seeds only an installation without one). */
  async any(): Promise<boolean> {
    return this.societies.any();
  }

  /** Id and name of every society, by name: for maintenance (the CLI's audit:verify). */
  async allNames(): Promise<{ id: string; name: string }[]> {
    return this.societies.allNames();
  }

  /**
   * Societies by (region code, id), those under `regionPrefix` when given (oversight): `take` rows after
   * the keyset `after`, as entities (their time zone and settings are what oversight computes with).
   */
  async byRegion(
    regionPrefix: string | null,
    after: [string, string] | null,
    take: number,
  ): Promise<SocietyEntity[]> {
    return this.societies.regionPage(regionPrefix, after, take);
  }

  /** Every society for a platform admin/overseer; the caller's own ones otherwise. By name. */
  async list(user: Principal, query: PageQueryDto): Promise<Page<SocietyResponseDto>> {
    const limit = limitOf(query);
    const after = decodeCursor(query.cursor, ['text', 'uuid']) as [string, string] | null;
    const rows = await this.societies.page(user.platformRole ? null : user.id, after, limit + 1);
    return toPage(rows, limit, (s) => [s.name, s.id], toSocietyDto);
  }
}

function validSettings(settings: SocietySettings): SocietySettings {
  const problems = settingsProblems(settings);
  const fields = Object.keys(problems);
  if (fields.length === 0) return settings;
  const byLang = (lang: 'zh' | 'en') => Object.fromEntries(fields.map((f) => [f, [problems[f][lang]]]));
  throw new AppError('VALIDATION_FAILED', byLang('en'), undefined, { zh: byLang('zh'), en: byLang('en') });
}

function diff(
  before: SocietyResponseDto,
  after: SocietyResponseDto,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ['name', 'regionCode', 'address', 'contactPhone', 'timezone', 'settings'] as const) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}

export function toSocietyDto(s: SocietyEntity): SocietyResponseDto {
  return {
    id: s.id,
    name: s.name,
    regionCode: s.regionCode,
    address: s.address,
    contactPhone: s.contactPhone,
    timezone: s.timezone,
    settings: { ...DEFAULT_SETTINGS, ...s.settings },
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
