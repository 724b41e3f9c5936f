import { Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/access/access.decorators';
import { FormBody } from '../common/http/form-body';
import { ParsedParam } from '../common/http/parsed-param';
import { etagMatches } from '../common/http/pdf';
import { IdParam } from '../common/http/uuid.pipe';
import { normalizeTrackingCode } from './domain/tracking-code';
import { ObjectionRateLimit } from './objection-rate-limit';
import { pageHeaders } from './pages/headers';
import { PagesExceptionFilter } from './pages.filter';
import { PagesService, RenderedPage } from './pages.service';

/**
 * The residents' pages (API.md "HTML for residents"), outside /api/v1 and outside the OpenAPI
 * document: HTML for a phone, opened from the QR code on a paper notice. Every answer, errors
 * included (PagesExceptionFilter), is a page with pageHeaders: a strict CSP, no referrer, nosniff.
 */
@ApiExcludeController()
@Public()
@UseFilters(PagesExceptionFilter)
@Controller('p')
export class PagesController {
  constructor(private readonly pages: PagesService) {}

  /** Cached (PagesService.board); `If-None-Match` with its ETag answers 304 with no body. */
  @Get(':sid')
  async board(
    @IdParam('sid', 'society') sid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = await this.pages.board(sid);
    if (page.etag && etagMatches(request.headers['if-none-match'], page.etag)) {
      void reply.status(304).headers({ ...pageHeaders(page.caching), ETag: page.etag });
      return '';
    }
    return send(reply, page);
  }

  @Get('disclosures/:did')
  async notice(@IdParam('did', 'disclosure') did: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return send(reply, await this.pages.notice(did));
  }

  /** The objection form (a form body only), limited per client together with the JSON route. */
  @Post('disclosures/:did/objections')
  @ObjectionRateLimit()
  async object(
    @IdParam('did', 'disclosure') did: string,
    @FormBody() fields: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return send(reply, await this.pages.submitObjection(did, fields));
  }

  @Get('objections/:code')
  async objection(
    @ParsedParam('code', 'objection', normalizeTrackingCode) code: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return send(reply, await this.pages.objectionStatus(code));
  }
}

function send(reply: FastifyReply, page: RenderedPage): string {
  void reply.status(page.status).headers(pageHeaders(page.caching));
  if (page.etag) void reply.header('ETag', page.etag);
  return page.html;
}
