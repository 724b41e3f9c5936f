import { fastifyTrustProxy } from './trust-proxy';

describe('fastifyTrustProxy', () => {
  it('trusts nobody by default', () => {
    expect(fastifyTrustProxy(false)).toBe(false);
  });

  it('trusts exactly `hops` proxies in front, from the peer outwards', () => {
    const trust = fastifyTrustProxy(2) as (address: string, hop: number) => boolean;
    expect([0, 1, 2].map((hop) => trust('10.0.0.1', hop))).toEqual([true, true, false]);
  });

  it('hands a list of proxy addresses to Fastify as its comma-separated form', () => {
    expect(fastifyTrustProxy(['10.0.0.0/8', 'loopback'])).toBe('10.0.0.0/8,loopback');
  });
});
