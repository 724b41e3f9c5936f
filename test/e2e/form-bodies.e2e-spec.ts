import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BODY_LIMIT } from '../../src/app.factory';
import { expectContractError } from '../support/contract';
import { withTestApp } from '../support/test-app';

/**
 * Two routes that echo the parsed body: one under /p/ (where the residents' pages take their
 * objection form) and one outside it. Plain Fastify routes, so that the parsing is seen alone (the
 * page route itself answers pages: residents-pages.e2e-spec.ts); they pass through the application's
 * hooks and parsers all the same. Test code only.
 */
@Injectable()
class FormProbe implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.host.httpAdapter.getInstance<FastifyInstance>();
    const echo = async (request: FastifyRequest) => ({ body: request.body as unknown });
    fastify.post('/p/probe/:id', echo);
    fastify.post('/probe-elsewhere', echo);
  }
}

@Module({ providers: [FormProbe] })
class FormProbeModule {}

describe('HTML form bodies: parsed under /p/ only, with the input guard and the 1 MiB limit', () => {
  // The probe routes are outside the OpenAPI document on purpose.
  const t = withTestApp({}, { validateResponses: false, imports: [FormProbeModule] });
  const FORM = 'application/x-www-form-urlencoded';

  const post = (url: string, body: string, type = FORM) =>
    t.http.post(url).set('Content-Type', type).set('Accept-Language', 'en').send(body);

  it.each([FORM, `${FORM}; charset=UTF-8`, 'Application/X-WWW-Form-Urlencoded'])(
    'a form to a /p/ route is parsed (%s): UTF-8, + as space, a repeated key keeps its first value',
    async (type) => {
      const body = 'content=%E8%B4%A6%E7%9B%AE+%E4%B8%8D%E5%AF%B9&caseNo=&content=second&contactName=%3Cb%3E';
      const res = await post('/p/probe/1', body, type).expect(200);
      expect(res.body).toEqual({ body: { content: '账目 不对', caseNo: '', contactName: '<b>' } });
    },
  );

  it('the input guard runs on the parsed values: a NUL in a value or a key is a 400 naming it', async () => {
    const value = await post('/p/probe/1', 'content=a%00b');
    expectContractError(value, 400, 'VALIDATION_FAILED');
    expect(Object.keys(value.body.details)).toEqual(['content']);

    const key = await post('/p/probe/1', 'con%00tent=x');
    expectContractError(key, 400, 'VALIDATION_FAILED');
    expect(Object.keys(key.body.details)).toEqual(['body']);
  });

  it('a form over 1 MiB is a 413, as a JSON body is', async () => {
    const res = await post('/p/probe/1', `content=${'x'.repeat(BODY_LIMIT)}`);
    expectContractError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it.each([
    ['a route outside /p/', '/probe-elsewhere'],
    ['the API', '/api/v1/auth/login'],
    ['an API route that needs a login', '/api/v1/societies'],
  ])('a form to %s is still a 415, before its body is read (even over 1 MiB)', async (_, url) => {
    expectContractError(await post(url, 'username=a&password=b'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectContractError(await post(url, `x=${'y'.repeat(BODY_LIMIT + 10)}`), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('a JSON body to a /p/ route is parsed too (the pages post forms; nothing else changes)', async () => {
    const res = await t.http.post('/p/probe/1').send({ content: 'json' }).expect(200);
    expect(res.body).toEqual({ body: { content: 'json' } });
  });
});
