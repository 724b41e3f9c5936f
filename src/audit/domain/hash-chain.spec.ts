import fc from 'fast-check';
import {
  appendEvent,
  chainHash,
  ChainedEvent,
  finishVerification,
  GENESIS_HASH,
  HASHED_FIELDS,
  hashedContent,
  LINK_FIELDS,
  startVerification,
  STORED_FIELDS,
  StoredEvent,
  verifyBatch,
} from './hash-chain';

function chain(events: Omit<ChainedEvent, 'seq'>[]): StoredEvent[] {
  let prevHash = GENESIS_HASH;
  return events.map((e, i) => {
    const event = { ...e, seq: i + 1 };
    const hash = chainHash(prevHash, event);
    const stored = { ...event, prevHash, hash };
    prevHash = hash;
    return stored;
  });
}

function verify(
  events: StoredEvent[],
  head = events.length ? { seq: events.at(-1)!.seq, hash: events.at(-1)!.hash } : null,
  batch = 3,
) {
  let state = startVerification();
  for (let i = 0; i < events.length; i += batch) state = verifyBatch(state, events.slice(i, i + batch));
  return finishVerification(state, head);
}

const eventArb = fc.record({
  at: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
  actorId: fc.option(fc.uuid(), { nil: null }),
  action: fc.constantFrom('society.created', 'member.added', 'member.roles_changed'),
  entity: fc.constantFrom('society', 'membership'),
  entityId: fc.option(fc.uuid(), { nil: null }),
  data: fc.dictionary(
    fc.string({ maxLength: 8 }),
    fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null)),
    { maxKeys: 4 },
  ),
});

describe('audit hash chain', () => {
  const sample = chain([
    {
      at: new Date('2026-11-29T01:00:00Z'),
      actorId: null,
      action: 'society.created',
      entity: 'society',
      entityId: 's1',
      data: { name: '甲' },
    },
    {
      at: new Date('2026-11-29T01:01:00Z'),
      actorId: 'u1',
      action: 'member.added',
      entity: 'membership',
      entityId: 'm1',
      data: { roles: ['board'] },
    },
    {
      at: new Date('2026-11-29T01:02:00Z'),
      actorId: 'u1',
      action: 'member.added',
      entity: 'membership',
      entityId: 'm2',
      data: { roles: ['secretary'] },
    },
  ]);

  it('hashes sha256(prev ‖ canonical JSON): key order in data does not matter, values do', () => {
    const e = {
      seq: 1,
      at: new Date(0),
      actorId: null,
      action: 'a',
      entity: 'b',
      entityId: null,
      data: { x: 1, y: 2 },
    };
    expect(chainHash(GENESIS_HASH, e)).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, { ...e, data: { y: 2, x: 1 } })).toBe(chainHash(GENESIS_HASH, e));
    expect(chainHash(GENESIS_HASH, { ...e, data: { x: 1, y: 3 } })).not.toBe(chainHash(GENESIS_HASH, e));
    expect(chainHash('1'.repeat(64), e)).not.toBe(chainHash(GENESIS_HASH, e));
  });

  it('accepts an empty chain and an intact one', () => {
    expect(verify([])).toEqual({ ok: true, checked: 0 });
    expect(verify(sample)).toEqual({ ok: true, checked: 3 });
  });

  it.each([
    ['action', (e: StoredEvent) => ({ ...e, action: 'x' })],
    ['data', (e: StoredEvent) => ({ ...e, data: { roles: ['treasurer'] } })],
    ['time', (e: StoredEvent) => ({ ...e, at: new Date(e.at.getTime() + 1) })],
    ['actor', (e: StoredEvent) => ({ ...e, actorId: 'u2' })],
    ['hash', (e: StoredEvent) => ({ ...e, hash: 'f'.repeat(64) })],
    ['link', (e: StoredEvent) => ({ ...e, prevHash: 'f'.repeat(64) })],
  ])('finds an edited %s at its seq', (_what, edit) => {
    const edited = sample.map((e) => (e.seq === 2 ? edit(e) : e));
    expect(verify(edited, { seq: 3, hash: sample[2].hash })).toEqual({
      ok: false,
      checked: 1,
      firstBrokenSeq: 2,
    });
  });

  it('finds a removed row, a removed tail and a head that does not match', () => {
    expect(verify([sample[0], sample[2]], { seq: 3, hash: sample[2].hash })).toEqual({
      ok: false,
      checked: 1,
      firstBrokenSeq: 2,
    });
    expect(verify(sample.slice(0, 2), { seq: 3, hash: sample[2].hash })).toEqual({
      ok: false,
      checked: 2,
      firstBrokenSeq: 3,
    });
    expect(verify(sample, { seq: 3, hash: 'a'.repeat(64) })).toEqual({
      ok: false,
      checked: 3,
      firstBrokenSeq: 3,
    });
    expect(verify(sample, null)).toEqual({ ok: false, checked: 3, firstBrokenSeq: 1 });
  });

  it('property: any single-field edit of any event is found at exactly that seq, whatever the batch size', () => {
    fc.assert(
      fc.property(
        fc.array(eventArb, { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.integer({ min: 1, max: 5 }),
        (events, pick, batch) => {
          const stored = chain(events);
          const head = { seq: stored.length, hash: stored.at(-1)!.hash };
          expect(verify(stored, head, batch)).toEqual({ ok: true, checked: stored.length });
          const i = pick % stored.length;
          const tampered = stored.map((e, j) =>
            j === i ? { ...e, data: { ...e.data, tampered: true } } : e,
          );
          expect(verify(tampered, head, batch)).toEqual({ ok: false, checked: i, firstBrokenSeq: i + 1 });
        },
      ),
    );
  });

  const event: ChainedEvent = {
    seq: 7,
    at: new Date('2026-11-29T01:02:03.456Z'),
    actorId: 'a3c1e2d4-0000-4000-8000-000000000002',
    action: 'member.added',
    entity: 'membership',
    entityId: null,
    data: { roles: ['board'], n: 1, z: null },
  };

  it('hashes exactly as chains already stored were hashed (a fixed vector)', () => {
    expect(chainHash(GENESIS_HASH, event)).toBe(
      '8f98e9a73c152c94fc58868352765605aef81dccb4209dca054ba99a3044115c',
    );
  });

  it('covers exactly the hashed fields, each of which changes the hash, and nothing else', () => {
    expect(Object.keys(hashedContent(event)).sort()).toEqual([...HASHED_FIELDS].sort());
    const edits: Record<(typeof HASHED_FIELDS)[number], Partial<ChainedEvent>> = {
      seq: { seq: 8 },
      at: { at: new Date(event.at.getTime() + 1) },
      actorId: { actorId: null },
      action: { action: 'member.deactivated' },
      entity: { entity: 'society' },
      entityId: { entityId: 'm1' },
      data: { data: { roles: ['board'], n: 2, z: null } },
    };
    for (const field of HASHED_FIELDS) {
      expect([field, chainHash(GENESIS_HASH, { ...event, ...edits[field] })]).not.toEqual([
        field,
        chainHash(GENESIS_HASH, event),
      ]);
    }
    // A property outside the list (a stored row's link fields, say) does not count.
    const withLinks = { ...event, societyId: 's', prevHash: 'p', hash: 'h' } as ChainedEvent;
    expect(chainHash(GENESIS_HASH, withLinks)).toBe(chainHash(GENESIS_HASH, event));
  });

  it('stores the hashed fields plus the chain and its links, no field twice', () => {
    expect(STORED_FIELDS).toEqual([...HASHED_FIELDS, ...LINK_FIELDS]);
    expect(new Set(STORED_FIELDS).size).toBe(STORED_FIELDS.length);
  });

  it('appends to a head: the next seq, linked to the head, hashed', () => {
    const { seq: _seq, ...content } = event;
    const row = appendEvent({ seq: 6, hash: 'a'.repeat(64) }, { ...content, societyId: 's1' });
    expect(row).toEqual({
      ...event,
      societyId: 's1',
      prevHash: 'a'.repeat(64),
      hash: chainHash('a'.repeat(64), event),
    });
  });
});
