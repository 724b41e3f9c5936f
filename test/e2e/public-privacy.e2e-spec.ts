import type { Response, Test } from 'supertest';
import { maskAddress, maskBankAccount, maskIdNumber, maskName, maskPhone } from '../../src/common/masking';
import { idCardCheckChar } from '../../src/common/cn-ids/id-card';
import { binaryBody } from '../support/binary-body';
import { endJobTick, objection, paidCase, publish } from '../support/disclosure-fixtures';
import type { TestSociety } from '../support/fixtures';
import { pdfInfo, pdfText } from '../support/pdf-tools';
import { encodedForms } from '../support/plaintext-scan';
import { nestRoutes } from '../support/routes';
import { withTestApp } from '../support/test-app';

/**
 * Issue 9's privacy test (DOMAIN.md "Privacy"): cases filed with everything personal — name, ID number,
 * phone, address, the payee's bank account, a description naming the diagnosis — are published, and
 * then EVERY public output is read: each /api/v1/public/** answer, each residents' page under /p/,
 * and the text of the printable notices. None of it may hold any of that, nor the name of a person a
 * pseudonym stands for, nor anything of a child under 14 but 某未成年人.
 */
describe('Privacy: nothing personal in any public answer, page or printable notice', () => {
  const t = withTestApp();
  const pub = '/api/v1/public';
  // Not the society's region (341702…), so that a masked ID's first six digits cannot match it by chance.
  const AREA = '340702';
  const idNumber = (birth: string, seq: string) =>
    `${AREA}${birth}${seq}${idCardCheckChar(`${AREA}${birth}${seq}`)}`;

  interface Person {
    name: string;
    idNumber: string;
    phone: string;
    address: string;
    payee: string;
    accountNo: string;
    description: string;
    diagnosis: string;
    pseudonym: string;
  }
  const adult: Person = {
    name: '范建华',
    idNumber: idNumber('19880716', '911'),
    phone: '13955660011',
    address: '池州市贵池区秋浦街道某社区 5 栋 302',
    payee: '刘桂英',
    accountNo: '6228480123456789012',
    description: '确诊急性髓系白血病，化疗费用无力承担',
    diagnosis: '白血病',
    pseudonym: '小范',
  };
  const child: Person = {
    name: '王小明',
    idNumber: idNumber('20150601', '912'),
    phone: '13766554433',
    address: '池州市青阳县蓉城镇某村 3 组 12 号',
    payee: '王大军',
    accountNo: '6217001234567890123',
    description: '一型糖尿病酮症酸中毒入院抢救',
    diagnosis: '糖尿病',
    pseudonym: '小王',
  };
  const ended: Person = {
    name: '赵德明',
    idNumber: idNumber('19560302', '913'),
    phone: '15055667788',
    address: '池州市东至县尧渡镇某街 18 号',
    payee: '赵德明',
    accountNo: '6230520987654321098',
    description: '脑梗死后偏瘫，康复治疗费用高',
    diagnosis: '脑梗',
    pseudonym: '老赵',
  };
  const withdrawn: Person = {
    name: '孙丽萍',
    idNumber: idNumber('19790909', '914'),
    phone: '18955001122',
    address: '池州市石台县仁里镇某组 7 号',
    payee: '孙丽萍',
    accountNo: '6222081234500001111',
    description: '乳腺癌术后化疗',
    diagnosis: '乳腺癌',
    pseudonym: '小孙',
  };
  const objector = { name: '李秀英', phone: '13811112222' };

  /** Every public output read, by the route that answered it. */
  const outputs: { route: string; text: string }[] = [];
  let soc: TestSociety;

  async function read(route: string, request: Test): Promise<Response> {
    const res = await request;
    expect({ route, status: res.status }).toEqual({ route, status: res.status < 300 ? res.status : 'a 2xx' });
    outputs.push({ route, text: res.text });
    return res;
  }

  async function readPdf(route: string, url: string): Promise<void> {
    const res = await t.http
      .get(url)
      .buffer(true)
      .parse(binaryBody as never)
      .expect(200);
    const pdf = res.body as Buffer;
    const text = await pdfText(pdf);
    const info = await pdfInfo(pdf);
    // Glyph runs may come back split by spaces or lines: the text also without any whitespace.
    outputs.push({
      route,
      text: [text, text.replace(/\s+/g, ''), info.title, info.author, info.subject].join('\n'),
    });
  }

  function file(s: TestSociety, p: Person) {
    return paidCase(t, s, {
      amountFen: 100_000,
      pseudonym: p.pseudonym,
      description: p.description,
      applicant: { name: p.name, idNumber: p.idNumber, phone: p.phone, address: p.address },
      payee: { name: p.payee, bankName: '中国农业银行池州分行', accountNo: p.accountNo },
    });
  }

  beforeAll(async () => {
    t.clock.set('2026-11-02T02:00:00Z');
    soc = await t.fx.society({ board: 3, contactPhone: '0566-2021234' });
    await t.fx.donation(soc, { amountFen: 1_000_000, receivedAt: '2026-11-02' });
    const old = await publish(t, soc, [(await file(soc, ended)).id]);
    t.clock.set('2026-11-20T02:00:00Z');
    await endJobTick(t);
    const gone = await publish(t, soc, [(await file(soc, withdrawn)).id]);
    await t.http
      .post(`${soc.url}/disclosures/${gone.id}/withdraw`)
      .set(soc.secretary.auth)
      .send({ reason: `${withdrawn.name}的诊断写错了` })
      .expect(200);
    const a = await file(soc, adult);
    const notice = await publish(t, soc, [a.id, (await file(soc, child)).id]);
    const tracked = await objection(t, notice.id, {
      caseNo: a.caseNo,
      contactName: objector.name,
      contactPhone: objector.phone,
    });

    // The public API.
    await read('GET /api/v1/public/societies/:sid', t.http.get(`${pub}/societies/${soc.id}`));
    for (const status of ['active', 'ended'])
      await read(
        'GET /api/v1/public/societies/:sid/disclosures',
        t.http.get(`${pub}/societies/${soc.id}/disclosures?status=${status}`),
      );
    for (const d of [notice, old, gone])
      await read('GET /api/v1/public/disclosures/:did', t.http.get(`${pub}/disclosures/${d.id}`));
    for (const d of [notice, old])
      await readPdf(
        'GET /api/v1/public/disclosures/:did/notice.pdf',
        `${pub}/disclosures/${d.id}/notice.pdf`,
      );
    const head = await read(
      'GET /api/v1/public/societies/:sid/audit-head',
      t.http.get(`${pub}/societies/${soc.id}/audit-head`),
    );
    for (let seq = 1; seq <= (head.body as { seq: number }).seq; seq++)
      await read(
        'GET /api/v1/public/societies/:sid/audit-head/:seq',
        t.http.get(`${pub}/societies/${soc.id}/audit-head/${seq}`),
      );
    // The month's public statement: the aid under the public names, anonymous donors as 爱心人士.
    await read(
      'GET /api/v1/public/societies/:sid/statements/:period',
      t.http.get(`${pub}/societies/${soc.id}/statements/2026-11`),
    );
    await readPdf(
      'GET /api/v1/public/societies/:sid/statements/:period.pdf',
      `${pub}/societies/${soc.id}/statements/2026-11.pdf`,
    );
    await read(
      'POST /api/v1/public/disclosures/:did/objections',
      t.http.post(`${pub}/disclosures/${notice.id}/objections`).send({
        content: '有误',
        caseNo: a.caseNo,
        contactName: objector.name,
        contactPhone: objector.phone,
      }),
    );
    await read(
      'GET /api/v1/public/objections/:trackingCode',
      t.http.get(`${pub}/objections/${tracked.trackingCode}`),
    );

    // The residents' pages.
    await read('GET /p/:sid', t.http.get(`/p/${soc.id}`));
    for (const d of [notice, old, gone])
      await read('GET /p/disclosures/:did', t.http.get(`/p/disclosures/${d.id}`));
    await read(
      'POST /p/disclosures/:did/objections',
      t.http
        .post(`/p/disclosures/${notice.id}/objections`)
        .type('form')
        .send(
          new URLSearchParams({
            content: '有误',
            caseNo: a.caseNo,
            contactName: objector.name,
            contactPhone: objector.phone,
          }).toString(),
        ),
    );
    await read('GET /p/objections/:code', t.http.get(`/p/objections/${tracked.trackingCode}`));
  });

  it('read every public route there is (a new one fails here until it is read above)', () => {
    const notOutputs = ['GET /health', 'POST /api/v1/auth/login']; // nothing of a society's data
    const publicRoutes = nestRoutes(t.app)
      .filter((r) => r.rule?.kind === 'public' && !notOutputs.includes(r.route))
      .map((r) => r.route)
      .sort();
    expect([...new Set(outputs.map((o) => o.route))].sort()).toEqual(publicRoutes);
  });

  it('did read the notices: the pseudonyms, 某未成年人, in JSON, on the pages and in the printed notices', () => {
    const of = (prefix: string) =>
      outputs
        .filter((o) => o.route.includes(prefix))
        .map((o) => o.text)
        .join('\n');
    for (const where of ['/api/v1/public/disclosures/:did', '/p/disclosures/:did', 'notice.pdf']) {
      const text = of(where);
      expect({
        where,
        shown: ['小范（化名）', '某未成年人', '老赵（化名）'].filter((s) => text.includes(s)),
      }).toEqual({
        where,
        shown: ['小范（化名）', '某未成年人', '老赵（化名）'],
      });
    }
  });

  it('finds no ID number, phone, address, bank account, name, child’s name or diagnosis anywhere', () => {
    const secrets: [string, string][] = [];
    for (const [who, p] of Object.entries({ adult, child, ended, withdrawn })) {
      secrets.push(
        [`${who} name`, p.name],
        [`${who} masked name`, maskName(p.name)], // a pseudonym stands for them: no mask either
        [`${who} ID number`, p.idNumber],
        [`${who} masked ID number`, maskIdNumber(p.idNumber)],
        [`${who} phone`, p.phone],
        [`${who} masked phone`, maskPhone(p.phone)],
        [`${who} address`, p.address],
        [`${who} address without spaces`, p.address.replace(/\s+/g, '')],
        [`${who} masked address`, maskAddress(p.address)],
        [`${who} payee`, p.payee],
        [`${who} bank account`, p.accountNo],
        [`${who} masked bank account`, maskBankAccount(p.accountNo)],
        [`${who} description`, p.description],
        [`${who} diagnosis`, p.diagnosis],
      );
    }
    // A child under 14: no name in any form, not even the pseudonym.
    secrets.push(
      ['child pseudonym', child.pseudonym],
      ['objector', objector.name],
      ['objector phone', objector.phone],
    );
    // Runs of 6 or more digits of the masked ID numbers (the area code) and their birth dates, as whole numbers.
    const runs = Object.entries({ adult, child, ended, withdrawn }).flatMap(([who, p]) => [
      ...(maskIdNumber(p.idNumber).match(/\d{6,}/g) ?? []).map((run) => [`${who} masked ID digits`, run]),
      [`${who} birth date`, p.idNumber.slice(6, 14)],
    ]);

    const found: string[] = [];
    for (const { route, text } of outputs) {
      for (const [what, secret] of secrets) {
        if (encodedForms(secret).some((form) => text.includes(form))) found.push(`${route}: ${what}`);
      }
      for (const [what, run] of runs) {
        if (new RegExp(`(?<![0-9A-Za-z])${run}(?![0-9A-Za-z])`).test(text)) found.push(`${route}: ${what}`);
      }
    }
    expect(outputs.length).toBeGreaterThan(20);
    expect([...new Set(found)]).toEqual([]);
  });
});
