import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key of a client address for per-client limits (login, rate-limit.ts): IPv4 as is (IPv4-mapped
 * IPv6 too), IPv6 by its /64, since one subscriber usually holds a whole /64 and could otherwise take
 * a new address per guess.
 */
export function clientKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (isIPv4(ip) || !isIPv6(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

/**
 * The client key of a request: `request.ip` is the client as the trusted proxies saw it (TRUST_PROXY),
 * else the peer.
 */
export function clientAddress(request: { ip?: string }): string {
  return clientKey(request.ip);
}

/** The eight 16-bit groups of a valid IPv6 address, without leading zeros. */
function expandIPv6(ip: string): string[] {
  const [head, tail] = ip.split('::');
  const part = (s: string | undefined) => (s ? s.split(':') : []);
  const h = part(head);
  const t = tail === undefined ? [] : part(tail);
  // An embedded IPv4 tail (e.g. 64:ff9b::1.2.3.4) counts as two groups.
  const groups = [
    ...h,
    ...Array<string>(8 - h.length - t.length - (t.some((g) => g.includes('.')) ? 1 : 0)).fill('0'),
    ...t,
  ];
  return groups.map((g) => (g.includes('.') ? g : parseInt(g, 16).toString(16)));
}
