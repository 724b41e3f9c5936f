import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../common/access/roles';
import { normalizeCreditCode } from '../common/cn-ids/credit-code';
import { normalizeMobile } from '../common/cn-ids/mobile';
import { PiiCipher } from '../common/crypto/pii-cipher';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { maskPhone } from '../common/masking';
import { decodeCursor, limitOf, Page, toPage } from '../common/pagination';
import { publicDonorName } from './domain/labels';
import { Donor, DonorMatch, DonorsRepository } from './donors.repository';
import { CreateDonorDto, DonorQueryDto, DonorResponseDto } from './dto/donor.dto';

@Injectable()
export class DonorsService {
  constructor(
    private readonly repo: DonorsRepository,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async create(societyId: string, dto: CreateDonorDto, actor: Principal): Promise<DonorResponseDto> {
    const phone = dto.phone ? normalizeMobile(dto.phone) : null;
    const creditCode = dto.creditCode ? normalizeCreditCode(dto.creditCode) : null;
    const id = await this.repo.insert(societyId, {
      kind: dto.kind,
      name: dto.name.trim(),
      phoneEnc: phone ? this.cipher.encrypt(phone) : null,
      phoneHmac: phone ? this.cipher.hmac(phone) : null,
      creditCode,
      anonymous: dto.anonymous ?? false,
      note: dto.note ?? null,
      createdBy: actor.id,
      createdAt: this.clock.now(),
    });
    await this.audit.record({
      societyId,
      actorId: actor.id,
      action: 'donor.created',
      entity: 'donor',
      entityId: id,
      data: {
        kind: dto.kind,
        name: dto.name.trim(),
        anonymous: dto.anonymous ?? false,
        phone: phone ? maskPhone(phone) : null,
        creditCode,
      },
    });
    return this.get(societyId, id);
  }

  async get(societyId: string, donorId: string): Promise<DonorResponseDto> {
    return this.toDto(await this.find(societyId, donorId));
  }

  /** The donor, or NOT_FOUND when it does not exist in this society. */
  async find(societyId: string, donorId: string): Promise<Donor> {
    const donor = isUUID(donorId) ? await this.repo.find(societyId, donorId) : null;
    if (!donor) throw new AppError('NOT_FOUND', { entity: 'donor', donorId });
    return donor;
  }

  /**
   * 404 unless the society has this donor. What a gift being recorded needs: find() also sums the
   * donor's every gift, a cost that grows with their history, on every donation.
   */
  async assertExists(societyId: string, donorId: string): Promise<void> {
    if (!(isUUID(donorId) && (await this.repo.exists(societyId, donorId))))
      throw new AppError('NOT_FOUND', { entity: 'donor', donorId });
  }

  /** By name; `q` matches part of the name, or a phone number or credit code exactly. */
  async search(societyId: string, query: DonorQueryDto): Promise<Page<DonorResponseDto>> {
    const limit = limitOf(query);
    const after = decodeCursor(query.cursor, ['text', 'uuid']);
    let match: DonorMatch | null = null;
    if (query.q) {
      const q = query.q.trim();
      const phone = normalizeMobile(q);
      match = {
        like: `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        phoneHmacs: phone ? this.cipher.hmacs(phone) : [],
        creditCode: normalizeCreditCode(q),
      };
    }
    const rows = await this.repo.search(societyId, match, after as [string, string] | null, limit + 1);
    return toPage(
      rows,
      limit,
      (r) => [r.name, r.id],
      (r) => this.toDto(r),
    );
  }

  private toDto(d: Donor): DonorResponseDto {
    return {
      id: d.id,
      kind: d.kind,
      name: d.name,
      publicName: publicDonorName(d),
      phoneMasked: d.phoneEnc ? maskPhone(this.cipher.decrypt(d.phoneEnc)) : null,
      creditCode: d.creditCode,
      anonymous: d.anonymous,
      note: d.note,
      totalDonatedFen: d.totalFen,
      createdAt: d.createdAt.toISOString(),
    };
  }

  /** One batch of pii:rotate: donors' phones re-encrypted and re-HMACed under the current key. */
  @Transactional()
  async rotatePii(limit: number): Promise<number> {
    const rows = await this.repo.phonesToRotate(this.cipher.currentPrefix, limit);
    for (const r of rows) {
      const phone = this.cipher.decrypt(r.phoneEnc);
      await this.repo.setPhone(r.societyId, r.id, this.cipher.encrypt(phone), this.cipher.hmac(phone));
    }
    return rows.length;
  }
}
