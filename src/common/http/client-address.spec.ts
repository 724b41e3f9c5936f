import { clientAddress, clientKey } from './client-address';

describe('clientKey', () => {
  it('keeps IPv4 addresses, also when IPv4-mapped', () => {
    expect(clientKey('1.2.3.4')).toBe('1.2.3.4');
    expect(clientKey('::ffff:1.2.3.4')).toBe('1.2.3.4');
  });

  it('groups IPv6 addresses by /64, however they are written', () => {
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
  });

  it('has a key for a missing address', () => {
    expect(clientKey(undefined)).toBe('unknown');
  });

  it("keys a request by its ip (the proxies' view of the client)", () => {
    expect(clientAddress({ ip: '2001:db8:1:2::99' })).toBe('2001:db8:1:2::/64');
    expect(clientAddress({})).toBe('unknown');
  });
});
