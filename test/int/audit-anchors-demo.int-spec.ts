// The anchors of a chain real use built: the demo society (its 30-day story told through the services,
// notices among them) passes audit:verify's anchor checks, printed heads and backdating alike — no
// false FORGED on a fresh installation.
import { AuditService } from '../../src/audit/audit.service';
import { DemoSeeder } from '../../src/demo/demo.seeder';
import { DisclosuresService } from '../../src/disclosures/disclosures.service';
import { withTestApp } from '../support/test-app';

describe('audit anchors of the demo society', () => {
  const t = withTestApp({ DEMO: '1', ADMIN_PASSWORD: 'a long admin passphrase' });

  it('has notices whose printed heads the chain passes through, and nothing backdated after them', async () => {
    const logins = await t.app.get(DemoSeeder).seedIfEmpty();
    const sid = logins!.societyId;
    const { anchors, problems, verified } = await t.run(async () => {
      const anchors = await t.app.get(DisclosuresService).printedHeads(sid);
      return {
        anchors,
        problems: await t.app.get(AuditService).checkAnchors(sid, anchors),
        verified: await t.app.get(AuditService).verify(sid),
      };
    });
    expect(anchors.length).toBeGreaterThan(0);
    expect(verified.ok).toBe(true);
    expect(problems).toEqual([]);
  });
});
