import { MAX_URL_LENGTH, webhookUrlShape } from './webhook-url';

describe('webhookUrlShape', () => {
  it.each([
    ['https://hooks.example.org/huzhu', 'hooks.example.org'],
    ['http://93.184.215.14:8080/x?y=1', '93.184.215.14'],
    ['https://[2606:4700::1111]/hook', '2606:4700::1111'],
    ['HTTPS://EXAMPLE.ORG', 'example.org'],
  ])('accepts %s (host %s)', (url, host) => {
    const shape = webhookUrlShape(url);
    expect(shape.ok && shape.host).toBe(host);
  });

  it.each([
    ['ftp://example.org/x', 'must be an http or https URL'],
    ['file:///etc/passwd', 'must be an http or https URL'],
    ['javascript:alert(1)', 'must be an http or https URL'],
    ['gopher://example.org', 'must be an http or https URL'],
    ['https://user:pass@example.org/', 'must not contain a user name or password'],
    ['https://user@example.org/', 'must not contain a user name or password'],
    ['example.org/hook', 'is not a valid URL'],
    ['https://', 'is not a valid URL'],
    ['', 'is not a valid URL'],
    [`https://example.org/${'a'.repeat(MAX_URL_LENGTH)}`, `must be at most ${MAX_URL_LENGTH} characters`],
  ])('refuses %s: %s', (url, en) => {
    const shape = webhookUrlShape(url);
    expect(shape.ok ? null : shape.en).toBe(en);
  });

  it('takes exactly 2000 characters', () => {
    const url = `https://example.org/${'a'.repeat(MAX_URL_LENGTH - 'https://example.org/'.length)}`;
    expect(url).toHaveLength(MAX_URL_LENGTH);
    expect(webhookUrlShape(url).ok).toBe(true);
  });
});
