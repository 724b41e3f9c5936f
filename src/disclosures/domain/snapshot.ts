import { canonicalJson, sha256Hex } from '../../common/crypto/canonical-json';
import type { PublicItem } from './public-item';

/**
 * The frozen public snapshot of a notice (DESIGN.md "Cases, votes, disclosures"): built once at
 * publication and stored as it is, so what was published stays published whatever happens to the
 * cases later. Its SHA-256 over canonical JSON is printed (first 12 hex digits) as the check code;
 * the audit head at publication lets anyone check later that the society's chain passes through it.
 */
export interface DisclosureSnapshot {
  v: 1;
  societyId: string;
  societyName: string;
  regionCode: string;
  contactPhone: string | null;
  noticeNo: string;
  /** ISO 8601 instant. */
  publishedAt: string;
  /** 'YYYY-MM-DD' in the society's time zone, as are periodFrom and periodTo (inclusive). */
  publishedOn: string;
  periodFrom: string;
  periodTo: string;
  /** ISO 8601 instant: the start of the local day after periodTo. */
  endsAt: string;
  note: string | null;
  items: PublicItem[];
  totalFen: number;
  auditHead: { seq: number; hash: string };
}

export type SnapshotInput = Omit<DisclosureSnapshot, 'v' | 'totalFen'>;

export const CHECK_CODE_LENGTH = 12;

/** The snapshot of `input`, its total the sum of the items' amounts. */
export function buildSnapshot(input: SnapshotInput): DisclosureSnapshot {
  if (input.items.length === 0) throw new RangeError('a notice names at least one case');
  const totalFen = input.items.reduce((sum, i) => sum + i.amountFen, 0);
  if (!Number.isSafeInteger(totalFen)) throw new RangeError(`total out of range: ${totalFen}`);
  return {
    v: 1,
    societyId: input.societyId,
    societyName: input.societyName,
    regionCode: input.regionCode,
    contactPhone: input.contactPhone,
    noticeNo: input.noticeNo,
    publishedAt: input.publishedAt,
    publishedOn: input.publishedOn,
    periodFrom: input.periodFrom,
    periodTo: input.periodTo,
    endsAt: input.endsAt,
    note: input.note,
    items: input.items,
    totalFen,
    auditHead: { seq: input.auditHead.seq, hash: input.auditHead.hash },
  };
}

/** Hex SHA-256 of the snapshot's canonical JSON: the same on every machine, whatever the key order. */
export function snapshotSha256(snapshot: DisclosureSnapshot): string {
  return sha256Hex(canonicalJson(snapshot));
}

/** The check code printed on the notice: the first 12 hex digits of the snapshot's SHA-256. */
export function checkCode(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new RangeError('not a hex SHA-256');
  return sha256.slice(0, CHECK_CODE_LENGTH);
}
