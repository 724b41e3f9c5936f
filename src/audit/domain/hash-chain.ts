import { canonicalJson, sha256Hex } from '../../common/crypto/canonical-json';

/** The hash before the first event of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The platform's own chain (users and other installation-wide acts). */
export const PLATFORM_CHAIN = '00000000-0000-0000-0000-000000000000';

/**
 * The fields of an event the hash covers: the one list. The stored row is exactly these plus the
 * chain it belongs to and its links (STORED_FIELDS); audit.repository.ts writes STORED_FIELDS, so a
 * field cannot be stored without being hashed, nor hashed without being stored.
 */
export const HASHED_FIELDS = ['seq', 'at', 'actorId', 'action', 'entity', 'entityId', 'data'] as const;
/** Not hashed: which chain (implied by the links) and the links themselves. */
export const LINK_FIELDS = ['societyId', 'prevHash', 'hash'] as const;
export const STORED_FIELDS = [...HASHED_FIELDS, ...LINK_FIELDS] as const;

export type HashedField = (typeof HASHED_FIELDS)[number];
export type StoredField = (typeof STORED_FIELDS)[number];

export interface ChainedEvent {
  seq: number;
  at: Date;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  data: Record<string, unknown>;
}

/** Compile-time: ChainedEvent's properties are exactly HASHED_FIELDS (a field added to one only fails here). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _hashedAreTheEventsFields: Same<keyof ChainedEvent, HashedField> = true;

export interface StoredEvent extends ChainedEvent {
  prevHash: string;
  hash: string;
}

/** A stored event with the chain it belongs to: a row of audit_events. */
export interface ChainRow extends StoredEvent {
  societyId: string;
}

/** What the hash covers, taken from the event by HASHED_FIELDS (no other property of `e` counts). */
export function hashedContent(e: ChainedEvent): Record<HashedField, unknown> {
  const content = {} as Record<HashedField, unknown>;
  for (const field of HASHED_FIELDS) content[field] = field === 'at' ? e.at.toISOString() : e[field];
  return content;
}

/** sha256(previous hash ‖ canonical JSON of the event): editing any field of any event breaks the chain. */
export function chainHash(prevHash: string, e: ChainedEvent): string {
  return sha256Hex(prevHash + canonicalJson(hashedContent(e)));
}

/** The next event of a chain whose head is `head`: numbered, linked and hashed. */
export function appendEvent(
  head: { seq: number; hash: string },
  event: Omit<ChainedEvent, 'seq'> & { societyId: string },
): ChainRow {
  const seq = head.seq + 1;
  const chained = { ...event, seq };
  return { ...chained, prevHash: head.hash, hash: chainHash(head.hash, chained) };
}

export interface VerificationState {
  checked: number;
  expectedSeq: number;
  prevHash: string;
  firstBrokenSeq?: number;
}

export function startVerification(): VerificationState {
  return { checked: 0, expectedSeq: 1, prevHash: GENESIS_HASH };
}

/**
 * Feeds events in seq order, a batch at a time. A missing seq, a wrong link or a wrong hash marks the
 * first broken seq; later events are not needed after that.
 */
export function verifyBatch(state: VerificationState, events: StoredEvent[]): VerificationState {
  let s = { ...state };
  for (const e of events) {
    if (s.firstBrokenSeq !== undefined) break;
    const broken =
      e.seq !== s.expectedSeq || e.prevHash !== s.prevHash || chainHash(s.prevHash, e) !== e.hash;
    if (broken) {
      s = { ...s, firstBrokenSeq: Math.min(e.seq, s.expectedSeq) };
      break;
    }
    s = { checked: s.checked + 1, expectedSeq: e.seq + 1, prevHash: e.hash };
  }
  return s;
}

/** The end of the chain must be the recorded head: events removed from the tail break it too. */
export function finishVerification(
  state: VerificationState,
  head: { seq: number; hash: string } | null,
): { ok: boolean; checked: number; firstBrokenSeq?: number } {
  if (state.firstBrokenSeq !== undefined)
    return { ok: false, checked: state.checked, firstBrokenSeq: state.firstBrokenSeq };
  const lastSeq = state.expectedSeq - 1;
  const headSeq = head?.seq ?? 0;
  if (headSeq !== lastSeq) {
    return { ok: false, checked: state.checked, firstBrokenSeq: Math.min(lastSeq, headSeq) + 1 };
  }
  if (head && head.hash !== state.prevHash)
    return { ok: false, checked: state.checked, firstBrokenSeq: lastSeq };
  return { ok: true, checked: state.checked };
}
