/**
 * Anchors: heads of a chain held outside the database (printed on a notice, noted by a resident, sent
 * to the township). A hash chain alone proves only that its events hang together: an insider who can
 * write the tables can rewrite an event, recompute every later hash and move the head, and plain
 * verification passes. A head someone kept from before the rewrite no longer matches the chain at
 * its seq — that is what catches it.
 */

/**
 * A head noted somewhere: the seq and hash the chain had then; `at`: when it was taken, if known.
 * `hash` may be a prefix of at least MIN_PREFIX hex digits: notices and the residents' pages print
 * the first 12 (CHECK_CODE_LENGTH), the public API and `audit/verification` the whole 64.
 */
export interface Anchor {
  seq: number;
  hash: string;
  at?: Date;
  /** Where it was noted, for the report (e.g. `--head`, `notice 2026-001`). */
  source: string;
}

export type AnchorProblem =
  /** The event at the anchor's seq has another hash: history up to that seq was rewritten. */
  | { kind: 'rewritten'; anchor: Anchor; found: string }
  /** The chain ends before the anchor's seq: events were removed (and maybe re-appended). */
  | { kind: 'missing'; anchor: Anchor; lastSeq: number }
  /** An event after the anchor claims to be older than the anchor: appended later, backdated. */
  | { kind: 'backdated'; anchor: Anchor; seq: number; at: Date };

/** How much older than an anchor a later event may be: events committed just after a head was read. */
export const BACKDATE_TOLERANCE_MS = 5 * 60_000;

/** The shortest hash prefix accepted: what a notice prints (48 bits). */
export const MIN_PREFIX = 12;

const HEAD = new RegExp(`^([1-9][0-9]{0,15}):([0-9a-f]{${MIN_PREFIX},64})$`);

/** Parses `<seq>:<hash or its first 12+ hex digits>` as noted from a notice (审计链); null when it is not one. */
export function parseAnchor(text: string, source: string): Anchor | null {
  const m = HEAD.exec(text.trim().toLowerCase());
  return m ? { seq: Number(m[1]), hash: m[2], source } : null;
}

/** Compares an anchor with the event the chain has at its seq now (null: none). */
export function checkAnchor(
  anchor: Anchor,
  atSeq: { seq: number; hash: string } | null,
  lastSeq: number,
): AnchorProblem | null {
  if (!atSeq) return { kind: 'missing', anchor, lastSeq };
  if (!atSeq.hash.startsWith(anchor.hash)) return { kind: 'rewritten', anchor, found: atSeq.hash };
  return null;
}

/** The earliest time a later event may carry, or null when the anchor's time is unknown. */
export function notBefore(anchor: Anchor): Date | null {
  return anchor.at ? new Date(anchor.at.getTime() - BACKDATE_TOLERANCE_MS) : null;
}

/** One line for a problem, naming the seq. */
export function describeProblem(p: AnchorProblem): string {
  const a = `the head seq ${p.anchor.seq}:${p.anchor.hash.slice(0, 12)}… (${p.anchor.source})`;
  switch (p.kind) {
    case 'rewritten':
      return `FORGED at seq ${p.anchor.seq}: the chain now has ${p.found.slice(0, 12)}… there, not ${a}: events up to seq ${p.anchor.seq} were rewritten and rehashed`;
    case 'missing':
      return `FORGED at seq ${p.anchor.seq}: the chain ends at seq ${p.lastSeq}, before ${a}: events were removed`;
    case 'backdated':
      return `FORGED at seq ${p.seq}: dated ${p.at.toISOString()}, before ${a} taken at ${p.anchor.at!.toISOString()}, yet after it in the chain: appended later and backdated`;
  }
}
