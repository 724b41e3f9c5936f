import { Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Can, SocietyParam } from '../common/access/access.decorators';
import { CurrentUser, Principal } from '../common/access/roles';
import { MULTIPART_ROUTE, readUpload, UPLOAD_MAX_BYTES } from '../common/http/multipart';
import { IdParam } from '../common/http/uuid.pipe';
import { ApiErrors } from '../common/openapi/error-response';
import { AttachmentsService } from './attachments.service';
import { DOCUMENT_TYPES } from './domain/attachments';
import { AttachmentResponseDto, UploadAttachmentDto } from './dto/attachment.dto';

const CASE_NOT_FOUND = { code: 'NOT_FOUND', when: 'no such case (or document) the caller may see' } as const;

@ApiTags('cases')
@ApiBearerAuth()
@Controller('societies/:sid/cases/:cid/attachments')
@SocietyParam('sid')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @Can('attachment.upload')
  @RouteConfig(MULTIPART_ROUTE)
  @ApiOperation({
    summary: 'Upload a supporting document (multipart: `file` and `kind`); stored encrypted',
    description:
      'JPEG, PNG or PDF by content, not by name (else 415); at most 10 MiB (else 413); 20 per case.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadAttachmentDto })
  @ApiCreatedResponse({ type: AttachmentResponseDto })
  @ApiErrors(CASE_NOT_FOUND, {
    code: 'INVALID_STATE',
    when: 'the case is paid or later, rejected or withdrawn; or it has 20 documents already',
  })
  async upload(
    @IdParam('sid', 'society') sid: string,
    @IdParam('cid', 'case', 'caseId') cid: string,
    @Req() request: FastifyRequest,
    @CurrentUser() user: Principal,
  ) {
    const { file, fields } = await readUpload(request, 'file', ['kind'], UPLOAD_MAX_BYTES);
    return this.attachments.upload(sid, cid, { file, kind: fields.kind }, user);
  }

  @Get()
  @Can('attachment.read')
  @ApiOperation({ summary: "The case's supporting documents (metadata)" })
  @ApiOkResponse({ type: [AttachmentResponseDto] })
  @ApiErrors(CASE_NOT_FOUND)
  list(
    @IdParam('sid', 'society') sid: string,
    @IdParam('cid', 'case', 'caseId') cid: string,
    @CurrentUser() user: Principal,
  ) {
    return this.attachments.list(sid, cid, user);
  }

  @Get(':aid')
  @Can('attachment.read')
  @ApiOperation({ summary: 'Download a document (audited; never cached)' })
  @ApiProduces(...DOCUMENT_TYPES)
  @ApiOkResponse({ description: 'the document', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(CASE_NOT_FOUND)
  async download(
    @IdParam('sid', 'society') sid: string,
    @IdParam('cid', 'case', 'caseId') cid: string,
    @IdParam('aid', 'attachment', 'attachmentId') aid: string,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const doc = await this.attachments.download(sid, cid, aid, user);
    void reply
      .header('Content-Type', doc.contentType)
      .header('Content-Disposition', `attachment; filename="${doc.filename}"`)
      .header('Cache-Control', 'no-store')
      .header('X-Content-Type-Options', 'nosniff');
    return doc.data;
  }

  @Delete(':aid')
  @Can('attachment.delete')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a document while the case is a draft' })
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiErrors(CASE_NOT_FOUND, { code: 'INVALID_STATE', when: 'the case is no longer a draft' })
  async delete(
    @IdParam('sid', 'society') sid: string,
    @IdParam('cid', 'case', 'caseId') cid: string,
    @IdParam('aid', 'attachment', 'attachmentId') aid: string,
    @CurrentUser() user: Principal,
  ): Promise<void> {
    await this.attachments.delete(sid, cid, aid, user);
  }
}
