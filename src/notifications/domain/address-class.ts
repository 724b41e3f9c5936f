/**
 * Where an IP address points, for the webhook URL rules (API.md "Notifications"): a webhook may only
 * reach the public internet, never the server's own network (loopback, private ranges, the cloud
 * metadata address 169.254.169.254, …), unless the operator allows private networks. Pure: the
 * address text comes from the resolver.
 */
export type AddressClass =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'unique-local'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'invalid';

interface Range {
  /** The network's first address as a bigint of `bits` bits. */
  base: bigint;
  prefix: number;
  cls: AddressClass;
}

const v4 = (text: string, prefix: number, cls: AddressClass): Range => ({
  base: parseIPv4(text)!,
  prefix,
  cls,
});
const v6 = (text: string, prefix: number, cls: AddressClass): Range => ({
  base: parseIPv6(text)!,
  prefix,
  cls,
});

/** IPv4 ranges that are not the public internet (RFC 6890), most specific first. */
const V4_RANGES: Range[] = [
  v4('255.255.255.255', 32, 'broadcast'),
  v4('0.0.0.0', 8, 'unspecified'),
  v4('10.0.0.0', 8, 'private'),
  v4('100.64.0.0', 10, 'cgnat'),
  v4('127.0.0.0', 8, 'loopback'),
  v4('169.254.0.0', 16, 'link-local'),
  v4('172.16.0.0', 12, 'private'),
  v4('192.0.0.0', 24, 'reserved'),
  v4('192.0.2.0', 24, 'reserved'),
  v4('192.168.0.0', 16, 'private'),
  v4('198.18.0.0', 15, 'reserved'),
  v4('198.51.100.0', 24, 'reserved'),
  v4('203.0.113.0', 24, 'reserved'),
  v4('224.0.0.0', 4, 'multicast'),
  v4('240.0.0.0', 4, 'reserved'),
];

/** IPv6 ranges that are not the public internet; IPv4 inside IPv6 is classified by its IPv4 part. */
const V6_RANGES: Range[] = [
  v6('::', 128, 'unspecified'),
  v6('::1', 128, 'loopback'),
  v6('100::', 64, 'reserved'),
  v6('2001:db8::', 32, 'reserved'),
  v6('fc00::', 7, 'unique-local'),
  v6('fe80::', 10, 'link-local'),
  v6('fec0::', 10, 'private'),
  v6('ff00::', 8, 'multicast'),
];

/** IPv6 prefixes (/96) whose last 32 bits are an IPv4 address reached through them. */
const V4_IN_V6: bigint[] = [
  parseIPv6('::ffff:0:0')!, // IPv4-mapped
  parseIPv6('64:ff9b::')!, // NAT64
  0n, // IPv4-compatible (deprecated): ::a.b.c.d
];

const inRange = (addr: bigint, bits: number, r: Range) =>
  addr >> BigInt(bits - r.prefix) === r.base >> BigInt(bits - r.prefix);

/** The class of an address in text form (IPv4 dotted quad or IPv6, with or without a zone). */
export function classifyAddress(text: string): AddressClass {
  const a4 = parseIPv4(text);
  if (a4 !== null) return V4_RANGES.find((r) => inRange(a4, 32, r))?.cls ?? 'public';
  const a6 = parseIPv6(text.replace(/%[^%]*$/, ''));
  if (a6 === null) return 'invalid';
  const exact = V6_RANGES.find((r) => r.prefix === 128 && r.base === a6);
  if (exact) return exact.cls;
  const prefix96 = a6 >> 32n;
  if (V4_IN_V6.some((p) => p >> 32n === prefix96)) {
    const inner = a6 & 0xffff_ffffn;
    return V4_RANGES.find((r) => inRange(inner, 32, r))?.cls ?? 'public';
  }
  return V6_RANGES.find((r) => inRange(a6, 128, r))?.cls ?? 'public';
}

/** True when a webhook may be sent there without WEBHOOK_ALLOW_PRIVATE_NETWORKS. */
export function isPublicAddress(text: string): boolean {
  return classifyAddress(text) === 'public';
}

/** Host names that mean this machine whatever the resolver says (RFC 6761 `localhost`). */
export function isLocalhostName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === 'localhost.localdomain';
}

/** A dotted-quad IPv4 address (four decimal parts 0–255, no leading zeros) as a number; null if not one. */
export function parseIPv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let n = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return null;
    n = (n << 8n) | BigInt(p);
  }
  return n;
}

/** An IPv6 address (with `::` and an optional dotted IPv4 tail) as a 128-bit number; null if not one. */
export function parseIPv6(text: string): bigint | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return null;
  let groups: string[];
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const split = (s: string) => (s === '' ? [] : s.split(':'));
  const head = split(halves[0]);
  const tail = halves.length === 2 ? split(halves[1]) : [];
  const all = [...head, ...tail];
  // A dotted IPv4 tail stands for the last two groups.
  const last = all[all.length - 1];
  let v4tail: bigint | null = null;
  if (last !== undefined && last.includes('.')) {
    if (!text.endsWith(last)) return null;
    v4tail = parseIPv4(last);
    if (v4tail === null) return null;
    if (tail.length) tail.pop();
    else head.pop();
  }
  const width = v4tail === null ? 8 : 6;
  if (halves.length === 2) {
    const missing = width - head.length - tail.length;
    if (missing < 1) return null;
    groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  } else {
    groups = head;
  }
  if (groups.length !== width) return null;
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return v4tail === null ? n : (n << 32n) | v4tail;
}
