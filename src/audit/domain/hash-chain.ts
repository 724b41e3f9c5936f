import { canonicalJson, sha256Hex } from '../../common/crypto/canonical-json';

/** The hash before the first event of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The platform's own chain (users and other installation-wide acts). */
export const PLATFORM_CHAIN = '00000000-0000-0000-0000-000000000000';

export interface ChainedEvent {
  seq: number;
  at: Date;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  data: Record<string, unknown>;
}

export interface StoredEvent extends ChainedEvent {
  prevHash: string;
  hash: string;
}

/** sha256(previous hash ‖ canonical JSON of the event): editing any field of any event breaks the chain. */
export function chainHash(prevHash: string, e: ChainedEvent): string {
  return sha256Hex(
    prevHash +
      canonicalJson({
        seq: e.seq,
        at: e.at.toISOString(),
        actorId: e.actorId,
        action: e.action,
        entity: e.entity,
        entityId: e.entityId,
        data: e.data,
      }),
  );
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
