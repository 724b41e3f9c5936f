import { BACKOFF_MAX_SECONDS, BACKOFF_THRESHOLD, MAX_FAILURES } from '../../src/auth/login-throttle';
import { TEST_PASSWORD } from '../support/fixtures';
import { TestApp, withTestApp } from '../support/test-app';

/** A login "from" `client` behind one proxy: the proxy appends the address it saw last. */
function loginVia(t: TestApp, forwardedFor: string, username: string, password: string) {
  return t.http.post('/api/v1/auth/login').set('X-Forwarded-For', forwardedFor).send({ username, password });
}

/** Status codes of `n` failed logins for `username` from `client`. */
async function fail(t: TestApp, client: string, username: string, n: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    statuses.push((await loginVia(t, `6.6.6.${i}, ${client}`, username, `wrong password ${i}`)).status);
  }
  return statuses;
}

describe('Login throttling per username and client, behind a proxy (TRUST_PROXY=1)', () => {
  const t = withTestApp({ TRUST_PROXY: '1' });

  it('locks the guessing address (whatever leftmost X-Forwarded-For it claims), not the owner elsewhere', async () => {
    const user = await t.fx.user();
    expect(await fail(t, '1.2.3.4', user.username, MAX_FAILURES)).toEqual(Array(MAX_FAILURES).fill(401));
    // The spoofed leftmost address changes on every request above, and here: still the same client.
    const locked = await loginVia(t, '7.7.7.7, 1.2.3.4', user.username, TEST_PASSWORD).expect(429);
    expect(locked.body.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(60);
    // The owner, from another address, logs in at once.
    await loginVia(t, '1.2.3.5', user.username, TEST_PASSWORD).expect(200);
    await loginVia(t, '7.7.7.7, 1.2.3.4', user.username, TEST_PASSWORD).expect(429);
  });

  it('gives the same answers for an unknown username as for a known one', async () => {
    const user = await t.fx.user();
    const known = await fail(t, '2.2.2.2', user.username, MAX_FAILURES + 1);
    const unknown = await fail(t, '2.2.2.2', 'nobody-at-all', MAX_FAILURES + 1);
    expect(known).toEqual([...Array<number>(MAX_FAILURES).fill(401), 429]);
    expect(unknown).toEqual(known);
    const a = await loginVia(t, '2.2.2.2', user.username, 'x').expect(429);
    const b = await loginVia(t, '2.2.2.2', 'nobody-at-all', 'x').expect(429);
    expect({ ...a.body, requestId: 0, details: 0 }).toEqual({ ...b.body, requestId: 0, details: 0 });
  });

  it('starts a client counter again after a successful login from it', async () => {
    const user = await t.fx.user();
    expect(await fail(t, '3.3.3.3', user.username, MAX_FAILURES - 1)).not.toContain(429);
    await loginVia(t, '3.3.3.3', user.username, TEST_PASSWORD).expect(200);
    expect(await fail(t, '3.3.3.3', user.username, MAX_FAILURES - 1)).not.toContain(429);
    await loginVia(t, '3.3.3.3', user.username, TEST_PASSWORD).expect(200);
  });

  it('slows a spray from many addresses to one attempt per delay, sparing addresses the owner used', async () => {
    const user = await t.fx.user();
    await loginVia(t, '4.4.4.4', user.username, TEST_PASSWORD).expect(200); // the owner's usual address
    for (let i = 0; i < BACKOFF_THRESHOLD; i++) {
      // Every guess from a new address: no per-address lock ever triggers.
      await loginVia(t, `10.0.${i}.1`, user.username, 'sprayed guess').expect(401);
    }
    // A new address now waits a few seconds (not 15 minutes), even with the right password.
    const slowed = await loginVia(t, '10.9.9.9', user.username, TEST_PASSWORD).expect(429);
    expect(slowed.body.code).toBe('RATE_LIMITED');
    const wait = Number(slowed.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(BACKOFF_MAX_SECONDS);
    // The owner from their usual address is not slowed at all.
    await loginVia(t, '4.4.4.4', user.username, TEST_PASSWORD).expect(200);

    // The delay passes: the next new address may try once (here the owner on a new network)...
    await t.db.query(`UPDATE login_backoff SET next_attempt_at = now() WHERE username_key = lower($1)`, [
      user.username,
    ]);
    await loginVia(t, '10.8.8.8', user.username, TEST_PASSWORD).expect(200);
    // ...and that attempt took the slot: the next new address waits again.
    await loginVia(t, '10.7.7.7', user.username, 'another guess').expect(429);
    // The owner's new address is now known to be theirs.
    await loginVia(t, '10.8.8.8', user.username, TEST_PASSWORD).expect(200);
  });

  it('slows a spray on an unknown username the same way', async () => {
    for (let i = 0; i < BACKOFF_THRESHOLD; i++) {
      await loginVia(t, `11.0.${i}.1`, 'ghost-of-a-user', 'sprayed guess').expect(401);
    }
    const slowed = await loginVia(t, '11.9.9.9', 'ghost-of-a-user', 'one more').expect(429);
    expect(Number(slowed.headers['retry-after'])).toBeLessThanOrEqual(BACKOFF_MAX_SECONDS);
  });
});

describe('X-Forwarded-For with TRUST_PROXY as a list of proxy addresses', () => {
  const t = withTestApp({ TRUST_PROXY: 'loopback' });

  it('takes the address the trusted proxy saw, ignoring what the client put before it', async () => {
    const user = await t.fx.user();
    expect(await fail(t, '5.5.5.5', user.username, MAX_FAILURES)).toEqual(Array(MAX_FAILURES).fill(401));
    await loginVia(t, '8.8.8.8, 5.5.5.5', user.username, TEST_PASSWORD).expect(429);
    await loginVia(t, '5.5.5.6', user.username, TEST_PASSWORD).expect(200);
  });
});

describe('X-Forwarded-For without TRUST_PROXY', () => {
  const t = withTestApp();

  it('is ignored: a client cannot escape its lock by claiming other addresses', async () => {
    const user = await t.fx.user();
    for (let i = 0; i < MAX_FAILURES; i++) {
      await loginVia(t, `9.9.9.${i}`, user.username, 'wrong password').expect(401);
    }
    await loginVia(t, '9.9.9.200', user.username, TEST_PASSWORD).expect(429);
  });
});
