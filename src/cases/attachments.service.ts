import { Transactional } from '@nestjs-cls/transactional';
import { reencrypted } from '../common/crypto/pii-rotation';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Principal } from '../common/access/roles';
import { Clock } from '../common/clock';
import { PiiCipher } from '../common/crypto/pii-cipher';
import { AppError } from '../common/errors/app-error';
import { fieldError } from '../common/errors/validation';
import { Attachment, AttachmentsRepository } from './attachments.repository';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { ATTACHMENTS_PER_CASE, DOCUMENT_TYPES } from './domain/attachments';
import { documentType } from './document-type';
import { transition } from './domain/case-status';
import { ATTACHMENT_KINDS, AttachmentKind } from './domain/labels';
import { AttachmentResponseDto } from './dto/attachment.dto';

/** A case's supporting documents, stored encrypted; every download is audited. */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly repo: AttachmentsRepository,
    private readonly cases: CasesService,
    private readonly casesRepo: CasesRepository,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
  ) {}

  /** JPEG, PNG or PDF by content (415 otherwise); until the case is paid (409); at most 20. */
  @Transactional()
  async upload(
    societyId: string,
    caseId: string,
    upload: { file: Buffer; kind: string | undefined },
    actor: Principal,
  ): Promise<AttachmentResponseDto> {
    const kind = upload.kind;
    if (kind === undefined || !(ATTACHMENT_KINDS as readonly string[]).includes(kind)) {
      throw fieldError(
        'kind',
        `必须是 ${ATTACHMENT_KINDS.join('、')} 之一`,
        `must be one of ${ATTACHMENT_KINDS.join(', ')}`,
      );
    }
    const c = await this.cases.visible(societyId, await this.casesRepo.lock(societyId, caseId), actor);
    transition(c.status, 'attach');
    if ((await this.repo.count(societyId, caseId)) >= ATTACHMENTS_PER_CASE) {
      throw new AppError('INVALID_STATE', { reason: 'too_many_attachments', max: ATTACHMENTS_PER_CASE });
    }
    const contentType = await documentType(upload.file);
    if (!contentType) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { accepted: DOCUMENT_TYPES });
    const now = this.clock.now();
    const saved = await this.repo.insert(societyId, {
      caseId,
      kind: kind as AttachmentKind,
      contentType,
      bytes: upload.file.length,
      sha256: createHash('sha256').update(upload.file).digest('hex'),
      dataEnc: this.cipher.encryptBytes(upload.file),
      uploadedBy: actor.id,
      uploadedAt: now,
    });
    await this.cases.record(c, 'attach', actor.id, c.status, c.status, now, {
      caseNo: c.caseNo,
      attachmentId: saved.id,
      kind,
      contentType,
      bytes: saved.bytes,
    });
    return toDto(saved);
  }

  async list(societyId: string, caseId: string, actor: Principal): Promise<AttachmentResponseDto[]> {
    await this.cases.visible(societyId, await this.casesRepo.find(societyId, caseId), actor);
    return (await this.repo.list(societyId, caseId)).map(toDto);
  }

  /** The document's bytes and type; the download is on the timeline and in the audit trail. */
  @Transactional()
  async download(
    societyId: string,
    caseId: string,
    attachmentId: string,
    actor: Principal,
  ): Promise<{ contentType: string; data: Buffer; filename: string }> {
    const c = await this.cases.visible(societyId, await this.casesRepo.find(societyId, caseId), actor);
    const a = await this.find(societyId, caseId, attachmentId);
    const data = this.cipher.decryptBytes(await this.repo.content(societyId, a.id));
    await this.cases.record(c, 'attachment_downloaded', actor.id, c.status, c.status, this.clock.now(), {
      caseNo: c.caseNo,
      attachmentId: a.id,
    });
    const ext = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' }[a.contentType] ?? 'bin';
    return { contentType: a.contentType, data, filename: `${c.caseNo}-${a.kind}-${a.id.slice(0, 8)}.${ext}` };
  }

  /** Only while the case is a draft. */
  @Transactional()
  async delete(societyId: string, caseId: string, attachmentId: string, actor: Principal): Promise<void> {
    const c = await this.cases.visible(societyId, await this.casesRepo.lock(societyId, caseId), actor);
    const a = await this.find(societyId, caseId, attachmentId);
    transition(c.status, 'detach');
    await this.repo.delete(societyId, a.id);
    await this.cases.record(c, 'detach', actor.id, c.status, c.status, this.clock.now(), {
      caseNo: c.caseNo,
      attachmentId: a.id,
      kind: a.kind,
    });
  }

  private async find(societyId: string, caseId: string, attachmentId: string): Promise<Attachment> {
    const a = await this.repo.find(societyId, caseId, attachmentId);
    if (!a) throw new AppError('NOT_FOUND', { entity: 'attachment', attachmentId });
    return a;
  }

  /** One batch of pii:rotate: supporting documents re-encrypted under the current key. */
  @Transactional()
  async rotatePii(limit: number): Promise<number> {
    const rows = await this.repo.contentToRotate(this.cipher.currentPrefix, limit);
    for (const r of rows) await this.repo.setContent(r.societyId, r.id, reencrypted(this.cipher, r.dataEnc)!);
    return rows.length;
  }
}

function toDto(a: Attachment): AttachmentResponseDto {
  return {
    id: a.id,
    kind: a.kind,
    contentType: a.contentType as AttachmentResponseDto['contentType'],
    bytes: a.bytes,
    sha256: a.sha256,
    uploadedAt: a.uploadedAt.toISOString(),
    uploadedBy: a.uploadedBy,
  };
}
