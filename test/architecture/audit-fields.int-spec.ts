import { Client } from 'pg';
import { getMetadataArgsStorage } from 'typeorm';
import { AuditEventEntity } from '../../src/audit/audit-event.entity';
import { AUDIT_COLUMNS } from '../../src/audit/audit.repository';
import { HASHED_FIELDS, LINK_FIELDS, STORED_FIELDS } from '../../src/audit/domain/hash-chain';
import { createTestDatabase } from '../setup/test-server';

/**
 * The audit event's field list is defined once (domain/hash-chain.ts): what is hashed is exactly what
 * is stored, apart from the chain's links. A column added to audit_events, or to the entity, without
 * joining that list fails here, instead of being stored unhashed (editable without breaking the chain).
 */
describe('audit events: the hashed fields are exactly the stored fields', () => {
  it('audit_events has one column per stored field, and the stored fields are the hashed ones plus the links', async () => {
    const db = await createTestDatabase();
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      const { rows } = await c.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'audit_events'`,
      );
      expect(rows.map((r) => r.column_name).sort()).toEqual(
        STORED_FIELDS.map((f) => AUDIT_COLUMNS[f]).sort(),
      );
    } finally {
      await c.end();
      await db.drop();
    }
    const hashedOrLinks: string[] = [...HASHED_FIELDS, ...LINK_FIELDS];
    expect([...STORED_FIELDS].sort()).toEqual(hashedOrLinks.sort());
  });

  it('the entity that reads them back has exactly the stored fields, under the same columns', () => {
    const columns = getMetadataArgsStorage().columns.filter((c) => c.target === AuditEventEntity);
    const byField = Object.fromEntries(
      columns.map((c) => [c.propertyName, c.options.name ?? c.propertyName]),
    );
    expect(byField).toEqual(AUDIT_COLUMNS);
  });
});
