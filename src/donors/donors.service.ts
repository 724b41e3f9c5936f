import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AuditService } from '../audit/audit.service';
import { Principal } from '../common/access/roles';
import { normalizeCreditCode } from '../common/cn-ids/credit-code';
import { normalizeMobile } from '../common/cn-ids/mobile';
import { PiiCipher } from '../common/crypto/pii-cipher';
import { AppError } from '../common/errors/app-error';
import { maskPhone } from '../common/masking';
import { decodeCursor, limitOf, Page, toPage } from '../common/pagination';
import type { Tx } from '../database/tx';
import { DonorKind, publicDonorName } from './domain/labels';
import { CreateDonorDto, DonorQueryDto, DonorResponseDto } from './dto/donor.dto';

interface DonorRow {
  id: string;
  kind: DonorKind;
  name: string;
  phone_enc: Buffer | null;
  credit_code: string | null;
  anonymous: boolean;
  note: string | null;
  created_at: Date;
  total_fen: string;
}

const SELECT_DONOR = `
  SELECT d.id, d.kind, d.name, d.phone_enc, d.credit_code, d.anonymous, d.note, d.created_at,
         (SELECT coalesce(sum(amount_fen), 0) FROM donations x
           WHERE x.society_id = d.society_id AND x.donor_id = d.id AND x.status = 'recorded') AS total_fen
    FROM donors d`;

@Injectable()
export class DonorsService {
  constructor(
    private readonly txHost: TransactionHost<Tx>,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async create(societyId: string, dto: CreateDonorDto, actor: Principal): Promise<DonorResponseDto> {
    const phone = dto.phone ? normalizeMobile(dto.phone) : null;
    const creditCode = dto.creditCode ? normalizeCreditCode(dto.creditCode) : null;
    const [row] = (await this.txHost.tx.query(
      `INSERT INTO donors (society_id, kind, name, phone_enc, phone_hmac, credit_code, anonymous, note, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        societyId,
        dto.kind,
        dto.name.trim(),
        phone ? this.cipher.encrypt(phone) : null,
        phone ? this.cipher.hmac(phone) : null,
        creditCode,
        dto.anonymous ?? false,
        dto.note ?? null,
        actor.id,
      ],
    )) as { id: string }[];
    await this.audit.record({
      societyId,
      actorId: actor.id,
      action: 'donor.created',
      entity: 'donor',
      entityId: row.id,
      data: {
        kind: dto.kind,
        name: dto.name.trim(),
        anonymous: dto.anonymous ?? false,
        phone: phone ? maskPhone(phone) : null,
        creditCode,
      },
    });
    return this.get(societyId, row.id);
  }

  async get(societyId: string, donorId: string): Promise<DonorResponseDto> {
    return this.toDto(await this.find(societyId, donorId));
  }

  /** The donor, or NOT_FOUND when it does not exist in this society. */
  async find(societyId: string, donorId: string): Promise<DonorRow> {
    const rows = isUUID(donorId)
      ? ((await this.txHost.tx.query(`${SELECT_DONOR} WHERE d.society_id = $1 AND d.id = $2`, [
          societyId,
          donorId,
        ])) as DonorRow[])
      : [];
    if (!rows.length) throw new AppError('NOT_FOUND', { entity: 'donor', donorId });
    return rows[0];
  }

  /** By name; `q` matches part of the name, or a phone number or credit code exactly. */
  async search(societyId: string, query: DonorQueryDto): Promise<Page<DonorResponseDto>> {
    const limit = limitOf(query);
    const after = decodeCursor(query.cursor, ['text', 'uuid']);
    const params: unknown[] = [societyId, limit + 1];
    const where = ['d.society_id = $1'];
    if (query.q) {
      const q = query.q.trim();
      const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const phone = normalizeMobile(q);
      const code = normalizeCreditCode(q);
      params.push(like, phone ? this.cipher.hmac(phone) : null, code);
      where.push(`(d.name ILIKE $3 OR d.phone_hmac = $4 OR d.credit_code = $5)`);
    }
    if (after) {
      params.push(after[0], after[1]);
      where.push(`(d.name, d.id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    const rows = (await this.txHost.tx.query(
      `${SELECT_DONOR} WHERE ${where.join(' AND ')} ORDER BY d.name, d.id LIMIT $2`,
      params,
    )) as DonorRow[];
    return toPage(
      rows,
      limit,
      (r) => [r.name, r.id],
      (r) => this.toDto(r),
    );
  }

  private toDto(r: DonorRow): DonorResponseDto {
    return {
      id: r.id,
      kind: r.kind,
      name: r.name,
      publicName: publicDonorName(r),
      phoneMasked: r.phone_enc ? maskPhone(this.cipher.decrypt(r.phone_enc)) : null,
      creditCode: r.credit_code,
      anonymous: r.anonymous,
      note: r.note,
      totalDonatedFen: Number(r.total_fen),
      createdAt: new Date(r.created_at).toISOString(),
    };
  }
}
