import { ApiProperty } from '@nestjs/swagger';
import { ApiDateTime, ApiInt, ApiUuid } from '../../common/openapi/properties';
import { DOCUMENT_TYPES, DocumentType } from '../domain/attachments';
import { ATTACHMENT_KINDS, AttachmentKind } from '../domain/labels';

/** The multipart form of an upload, as OpenAPI shows it (read by readUpload, not the ValidationPipe). */
export class UploadAttachmentDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'JPEG, PNG or PDF (by content); at most 10 MiB',
  })
  file!: unknown;

  @ApiProperty({ enum: ATTACHMENT_KINDS, example: 'diagnosis' })
  kind!: AttachmentKind;
}

export class AttachmentResponseDto {
  @ApiUuid() id!: string;
  @ApiProperty({ enum: ATTACHMENT_KINDS, example: 'diagnosis' }) kind!: AttachmentKind;
  @ApiProperty({ enum: DOCUMENT_TYPES, example: 'image/jpeg' }) contentType!: DocumentType;
  @ApiInt({ minimum: 1, maximum: 10 * 1024 * 1024, example: 482113 }) bytes!: number;
  @ApiProperty({
    example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    pattern: '^[0-9a-f]{64}$',
  })
  sha256!: string;
  @ApiDateTime() uploadedAt!: string;
  @ApiUuid() uploadedBy!: string;
}
