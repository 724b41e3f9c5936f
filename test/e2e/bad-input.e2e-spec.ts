import { DataSource } from 'typeorm';
import { DonorsService } from '../../src/donors/donors.service';
import { contractErrorProblems, dbSnapshot, expectContractError, logCapture } from '../support/contract';
import { TestSociety, TestUser } from '../support/fixtures';
import { withTestApp } from '../support/test-app';

/**
 * Issue 6: a probe of the running service got 500s from 8 causes. Each exact request here must be a
 * 4xx in the contract's format and write nothing; no name or phone sent may reach the log.
 */
describe('Bad input is a 4xx in the contract format, writes nothing, logs no personal data', () => {
  const log = logCapture();
  const t = withTestApp({ LOG_LEVEL: 'info' }, { logStream: log.stream });
  let society: TestSociety;
  let donorId: string;
  let donationId: string;

  beforeAll(async () => {
    society = await t.fx.society();
    ({ donorId, id: donationId } = await t.fx.donation(society, { amountFen: 50_000 }));
  });

  /** Sends a request and checks it answered `status`/`code` in the contract format with no write. */
  async function refused(
    send: () => Promise<{ status: number; body: unknown; headers: Record<string, string> }>,
    status = 400,
    code = 'VALIDATION_FAILED',
  ): Promise<{ body: { details?: Record<string, string[]> }; headers: Record<string, string> }> {
    const before = await dbSnapshot(t.db);
    const res = await send();
    expectContractError(res, status, code);
    expect(await dbSnapshot(t.db)).toEqual(before);
    return res as { body: { details?: Record<string, string[]> }; headers: Record<string, string> };
  }

  const sid = () => society.id;
  const json = (body: string) => ({ 'Content-Type': 'application/json', body });
  const raw = (method: 'post' | 'patch', url: string, user: TestUser, text: string, headers = {}) =>
    t.http[method](url)
      .set(user.auth)
      .set(headers)
      .set('Content-Type', json(text)['Content-Type'])
      .send(text);

  describe('1. NUL in any string', () => {
    it('login username, before any login: 400 naming the field, no failure counted', async () => {
      const res = await refused(() =>
        t.http.post('/api/v1/auth/login').send({ username: 'adm\u0000in', password: 'whatever-password' }),
      );
      expect(res.body.details).toEqual({ username: ['不能包含 NUL 控制字符'] });
    });

    it('names and notes in bodies', async () => {
      const donor = await refused(() =>
        t.http
          .post(`/api/v1/societies/${sid()}/donors`)
          .set(society.treasurer.auth)
          .send({ kind: 'individual', name: '张\u0000三' }),
      );
      expect(Object.keys(donor.body.details!)).toEqual(['name']);
      const note = await refused(() =>
        t.http
          .post(`/api/v1/societies/${sid()}/donations`)
          .set(society.treasurer.auth)
          .set('Accept-Language', 'en')
          .send({ donorId, amountFen: 100, receivedAt: '2026-01-05', channel: 'cash', note: 'a\u0000b' }),
      );
      expect(note.body.details).toEqual({ note: ['must not contain the NUL character'] });
      await refused(() =>
        t.http
          .post('/api/v1/societies')
          .set(t.admin.auth)
          .send({ name: 'x\u0000', regionCode: '341702001001' }),
      );
    });

    it('q= searches and path parameters', async () => {
      for (const url of [`/api/v1/societies/${sid()}/donors?q=%00`, '/api/v1/users?q=%E5%BC%A0%00']) {
        const res = await refused(() =>
          t.http.get(url).set(url.includes('users') ? t.admin.auth : society.treasurer.auth),
        );
        expect(Object.keys(res.body.details!)).toEqual(['q']);
      }
      const param = await refused(() =>
        t.http.get(`/api/v1/societies/${sid()}/donors/%00`).set(society.treasurer.auth),
      );
      expect(Object.keys(param.body.details!)).toEqual(['did']);
    });
  });

  describe('2. lone surrogates', () => {
    it("a donor's name, a phone number inside a void reason: 400, and neither reaches the log", async () => {
      const name = await refused(() =>
        raw(
          'post',
          `/api/v1/societies/${sid()}/donors`,
          society.treasurer,
          '{"kind":"individual","name":"王小明\\ud83d"}',
        ),
      );
      expect(name.body.details).toEqual({ name: ['包含无效的 Unicode 字符（孤立代理项）'] });
      const reason = await refused(() =>
        raw(
          'post',
          `/api/v1/societies/${sid()}/donations/${donationId}/void`,
          society.treasurer,
          '{"reason":"捐赠人手机 13912345678 \\udc00 录错"}',
        ),
      );
      expect(Object.keys(reason.body.details!)).toEqual(['reason']);
      // A low surrogate first, and one in a property name.
      await refused(() =>
        raw(
          'post',
          `/api/v1/societies/${sid()}/donors`,
          society.treasurer,
          '{"kind":"individual","name":"\\udfff王"}',
        ),
      );
      await refused(() =>
        raw(
          'post',
          `/api/v1/societies/${sid()}/donors`,
          society.treasurer,
          '{"kind":"individual","name":"王","\\ud800":1}',
        ),
      );
      expect(log.text()).not.toMatch(/王小明|13912345678/);
    });

    it('a well-formed pair (emoji, CJK Extension B) is accepted', async () => {
      const res = await t.http
        .post(`/api/v1/societies/${sid()}/donors`)
        .set(society.treasurer.auth)
        .send({ kind: 'individual', name: '𠀋王😀' });
      expect(res.status).toBe(201);
      expect(res.body.name).toBe('𠀋王😀');
    });

    it.each([
      // jsonb refuses the lone surrogate and PostgreSQL quotes the text around it in `where`.
      ['err.where', `SELECT $1::jsonb`, '{"name":"李秀英\\ud83d","phone":"13700001111"}'],
      // The message itself quotes the value.
      ['the message', `SELECT $1::uuid`, '李秀英 13700001111'],
    ])('a database error that quotes a name in %s is logged without it', async (_where, sql, value) => {
      // Plant the original failure behind a route, through TypeORM as the services run SQL.
      const spy = jest
        .spyOn(t.app.get(DonorsService), 'create')
        .mockImplementation(() => t.app.get(DataSource).query(sql, [value]));
      try {
        const res = await t.http
          .post(`/api/v1/societies/${sid()}/donors`)
          .set(society.treasurer.auth)
          .send({ kind: 'individual', name: '李秀英' });
        expect(res.status).toBe(500);
        expect(contractErrorProblems(res)).toEqual([]);
      } finally {
        spy.mockRestore();
      }
      const text = log.text();
      expect(text).toMatch(/"type":"QueryFailedError".*"code":"22P02"/); // logged, identifiably
      expect(text).not.toMatch(/李秀英|13700001111/);
    });
  });

  describe('3. blank names, null where a value is required', () => {
    it('whitespace-only names and reasons are 400', async () => {
      await refused(() =>
        t.http.post('/api/v1/societies').set(t.admin.auth).send({ name: '   ', regionCode: '341702001001' }),
      );
      const donor = await refused(() =>
        t.http
          .post(`/api/v1/societies/${sid()}/donors`)
          .set(society.treasurer.auth)
          .send({ kind: 'other', name: ' \u3000 ' }),
      );
      expect(donor.body.details).toEqual({ name: ['不能为空白'] });
      await refused(() =>
        t.http
          .post('/api/v1/users')
          .set(t.admin.auth)
          .send({ username: 'blank_user', password: 'long enough pass', displayName: '   ' }),
      );
      const reason = await refused(() =>
        t.http
          .post(`/api/v1/societies/${sid()}/donations/${donationId}/void`)
          .set(society.treasurer.auth)
          .send({ reason: '    ' }),
      );
      expect(Object.keys(reason.body.details!)).toEqual(['reason']);
    });

    it.each(['name', 'regionCode', 'timezone'])(
      'PATCH /societies/:sid {"%s": null} is 400',
      async (field) => {
        const res = await refused(() =>
          t.http
            .patch(`/api/v1/societies/${sid()}`)
            .set(t.admin.auth)
            .send({ [field]: null }),
        );
        expect(Object.keys(res.body.details!)).toEqual([field]);
      },
    );

    it('null still clears the optional address and contact phone', async () => {
      const res = await t.http
        .patch(`/api/v1/societies/${sid()}`)
        .set(t.admin.auth)
        .send({ address: null, contactPhone: null });
      expect(res.status).toBe(200);
      expect([res.body.address, res.body.contactPhone]).toEqual([null, null]);
    });
  });

  describe('4. settings with null values', () => {
    it.each(['quorum', 'approval', 'maxAidPerCaseFen', 'voteWindowHours', 'allowSingleOfficer'])(
      '{"settings": {"%s": null}} is 400 and not stored',
      async (key) => {
        const res = await refused(() =>
          t.http
            .patch(`/api/v1/societies/${sid()}`)
            .set(t.admin.auth)
            .send({ settings: { [key]: null } }),
        );
        expect(Object.keys(res.body.details!)).toEqual([`settings.${key}`]);
      },
    );

    it('on creation too', async () => {
      await refused(() =>
        t.http
          .post('/api/v1/societies')
          .set(t.admin.auth)
          .send({ name: '空设置村', regionCode: '341702001001', settings: { quorum: null } }),
      );
    });
  });

  describe('5. JSON nested ~3,000 deep', () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const writes = () =>
      [
        ['post', '/api/v1/auth/login', null],
        ['post', '/api/v1/auth/password', t.admin],
        ['post', '/api/v1/users', t.admin],
        ['post', '/api/v1/societies', t.admin],
        ['patch', `/api/v1/societies/${sid()}`, t.admin],
        ['post', `/api/v1/societies/${sid()}/members`, t.admin],
        ['patch', `/api/v1/societies/${sid()}/members/${society.board.id}`, t.admin],
        ['post', `/api/v1/societies/${sid()}/donors`, society.treasurer],
        ['post', `/api/v1/societies/${sid()}/donations`, society.treasurer],
        ['post', `/api/v1/societies/${sid()}/donations/${donationId}/void`, society.treasurer],
        ['post', `/api/v1/societies/${sid()}/fund/transfers`, society.treasurer],
      ] as const;

    it('is 400 on every write route, as a value and as the whole body', async () => {
      for (const [method, url, user] of writes()) {
        for (const body of [`{"name":${deep(3000)}}`, `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`]) {
          const res = await refused(() => {
            const req = t.http[method](url).set('Content-Type', 'application/json');
            return (user ? req.set(user.auth) : req).send(body);
          });
          expect(res.body.details).toEqual({ body: ['嵌套层级过深（最多 16 层）'] });
        }
      }
    });
  });

  describe('6. crafted cursors', () => {
    const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const lists = () =>
      [
        ['/api/v1/societies', t.admin],
        ['/api/v1/users', t.admin],
        [`/api/v1/societies/${sid()}/members`, t.admin],
        [`/api/v1/societies/${sid()}/donors`, society.treasurer],
        [`/api/v1/societies/${sid()}/donations`, society.treasurer],
        [`/api/v1/societies/${sid()}/fund/entries`, society.treasurer],
        [`/api/v1/societies/${sid()}/audit`, t.admin],
        ['/api/v1/audit', t.admin],
      ] as const;

    it('decoding to the wrong types is 400 on all 8 lists', async () => {
      const crafted = [
        ['a', 'not-a-uuid'],
        [1.5],
        [-1],
        [null, '5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f'],
        ['a\u0000', '5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f'],
        [1e300],
        {},
      ];
      for (const [url, user] of lists()) {
        for (const c of crafted) {
          const res = await refused(() =>
            t.http
              .get(url)
              .query({ cursor: cursor(c) })
              .set(user.auth),
          );
          expect(res.body.details).toEqual({ cursor: ['分页游标无效'] });
        }
      }
    });

    it('the cursors the lists hand out still work', async () => {
      for (const [url, user] of lists()) {
        const first = await t.http.get(url).query({ limit: 1 }).set(user.auth).expect(200);
        if (first.body.nextCursor) {
          await t.http.get(url).query({ limit: 1, cursor: first.body.nextCursor }).set(user.auth).expect(200);
        }
      }
    });
  });

  describe('7. Idempotency-Key with a number that overflows', () => {
    it('"amountFen": 1e400 is 400, and the key stays free', async () => {
      const url = `/api/v1/societies/${sid()}/donations`;
      const text = (amount: string) =>
        `{"donorId":"${donorId}","amountFen":${amount},"receivedAt":"2026-01-06","channel":"cash"}`;
      const res = await refused(() =>
        raw('post', url, society.treasurer, text('1e400'), { 'Idempotency-Key': 'k-1e400' }),
      );
      expect(Object.keys(res.body.details!)).toEqual(['amountFen']);
      // Infinity in a field that is not money: the same guard.
      await refused(() =>
        raw('patch', `/api/v1/societies/${sid()}`, t.admin, '{"settings":{"voteWindowHours":1e400}}'),
      );
      const ok = await raw('post', url, society.treasurer, text('100'), { 'Idempotency-Key': 'k-1e400' });
      expect(ok.status).toBe(201);
    });
  });

  describe('8. over-long and malformed URLs', () => {
    it.each([`/api/v1/societies/${'a'.repeat(150)}`, '/api/v1/societies/%E0%A4%A', '/api/v1/auth/%E0%A4%A'])(
      '%s: 400 in our format with request id and security headers',
      async (url) => {
        const res = await refused(() => t.http.get(url).set(t.admin.auth).set('Accept-Language', 'en'));
        expect(Object.keys(res.body.details!)).toEqual(['url']);
        expect(res.headers['x-frame-options']).toBeDefined();
      },
    );
  });

  describe('found by the fuzz test', () => {
    it.each(['application/x-www-form-urlencoded', 'text/plain', 'application/xml'])(
      'a body that is not JSON (%s, with an Idempotency-Key): 415',
      async (type) => {
        await refused(
          () =>
            t.http
              .post(`/api/v1/societies/${sid()}/donations`)
              .set(society.treasurer.auth)
              .set('Idempotency-Key', 'k-form')
              .set('Content-Type', type)
              .send(`{"donorId":"${donorId}","amountFen":100,"receivedAt":"2026-01-05","channel":"cash"}`),
          415,
          'UNSUPPORTED_MEDIA_TYPE',
        );
      },
    );

    // Forms are parsed for the residents' pages under /p/ only (test/e2e/form-bodies.e2e-spec.ts):
    // everywhere in the API they stay a 415, refused before the body is read, whatever its size.
    it.each([
      ['a public route (login)', '/api/v1/auth/login', 'username=admin&password=x'],
      [
        'a money route',
        '/api/v1/societies/SID/donations',
        `donorId=x&amountFen=100&note=${'y'.repeat(1100 * 1024)}`,
      ],
    ])('a form body to %s of the API: 415, over 1 MiB too', async (_, path, form) => {
      await refused(
        () =>
          t.http
            .post(path.replace('SID', sid()))
            .set(society.treasurer.auth)
            .set('Content-Type', 'application/x-www-form-urlencoded; charset=UTF-8')
            .send(form),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
    });

    it('a URL over 16 KiB (Node refuses it before Fastify): 431 in our format, with request id', async () => {
      const before = await dbSnapshot(t.db);
      const res = await t.http
        .get(`/api/v1/societies/${sid()}/donors?q=${'y'.repeat(20_000)}`)
        .set(society.treasurer.auth);
      expectContractError(res, 431, 'REQUEST_HEADERS_TOO_LARGE');
      expect(await dbSnapshot(t.db)).toEqual(before);
    });
  });

  describe('also refused', () => {
    it('amountFen written 1.0, or with an exponent', async () => {
      for (const amount of ['1.0', '100.00', '1e2', '1E+2']) {
        const res = await refused(() =>
          raw(
            'post',
            `/api/v1/societies/${sid()}/donations`,
            society.treasurer,
            `{"donorId":"${donorId}","amountFen":${amount},"receivedAt":"2026-01-05","channel":"cash"}`,
          ),
        );
        expect(Object.keys(res.body.details!)).toEqual(['amountFen']);
      }
      const nested = await refused(() =>
        raw('patch', `/api/v1/societies/${sid()}`, t.admin, '{"settings":{"maxAidPerCaseFen":5000.0}}'),
      );
      expect(Object.keys(nested.body.details!)).toEqual(['settings.maxAidPerCaseFen']);
    });

    it('receivedAt before 1949; 1949 itself is accepted', async () => {
      for (const receivedAt of ['1948-12-31', '0026-11-29', '1900-01-01T08:00:00+08:00']) {
        const res = await refused(() =>
          t.http
            .post(`/api/v1/societies/${sid()}/donations`)
            .set(society.treasurer.auth)
            .send({ donorId, amountFen: 100, receivedAt, channel: 'cash' }),
        );
        expect(Object.keys(res.body.details!)).toEqual(['receivedAt']);
      }
      await t.http
        .post(`/api/v1/societies/${sid()}/donations`)
        .set(society.treasurer.auth)
        .send({ donorId, amountFen: 100, receivedAt: '1949-10-01', channel: 'cash' })
        .expect(201);
    });
  });
});
