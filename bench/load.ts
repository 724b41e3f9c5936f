// The load generator, in its own process (forked by bench/http.ts) so that it never shares an event
// loop with a server it measures. Gets one scenario as a message, answers with the summary.
import autocannon from 'autocannon';

export interface DonationTarget {
  sid: string;
  token: string;
  donorId: string;
}

/** An approved case to pay, by its society's treasurer (the case was filed by someone else). */
export interface PaymentTarget {
  sid: string;
  caseId: string;
  token: string;
  amountFen: number;
}

export type Scenario =
  | { kind: 'get'; url: string; token?: string; connections: number; seconds: number }
  | {
      // Donations round-robin over the societies, each with its own Idempotency-Key, as a client
      // sends them. Month's end: every `paymentEvery`-th request pays the next of `payments` instead
      // (until they run out; then donations only).
      kind: 'donations';
      baseUrl: string;
      targets: DonationTarget[];
      payments?: PaymentTarget[];
      paymentEvery?: number;
      receivedAt: string;
      connections: number;
      seconds: number;
    };

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** Month's end: how many of the payment targets were sent (each at most once). */
  paymentsSent?: number;
}

let n = 0;
let paymentsSent = 0;

/** A POST as autocannon sends it, with this request's own Idempotency-Key. */
function post(path: string, token: string, body: unknown) {
  return {
    method: 'POST' as const,
    path,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'idempotency-key': `bench-${process.pid}-${n}`,
    },
    body: JSON.stringify(body),
  };
}

function options(s: Scenario): autocannon.Options {
  const common = { connections: s.connections, duration: s.seconds, pipelining: 1 };
  if (s.kind === 'get') {
    return { ...common, url: s.url, headers: s.token ? { authorization: `Bearer ${s.token}` } : {} };
  }
  const payments = s.payments ?? [];
  const every = s.paymentEvery ?? Infinity;
  const next = () => {
    n += 1;
    if (n % every === 0 && paymentsSent < payments.length) {
      const p = payments[paymentsSent++];
      const account = n % 4 ? 'bank' : 'cash';
      return post(`/api/v1/societies/${p.sid}/cases/${p.caseId}/payment`, p.token, {
        amountFen: p.amountFen,
        account,
      });
    }
    const t = s.targets[n % s.targets.length];
    return post(`/api/v1/societies/${t.sid}/donations`, t.token, {
      donorId: t.donorId,
      amountFen: 100 + (n % 997),
      channel: n % 5 ? 'bank_transfer' : 'cash',
      receivedAt: s.receivedAt,
    });
  };
  return {
    ...common,
    url: s.baseUrl,
    requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, ...next() }) }],
  };
}

async function run(s: Scenario): Promise<LoadResult> {
  const r = await autocannon(options(s));
  const seconds = r.duration || s.seconds;
  const ok = r['2xx'];
  return {
    rps: ok / seconds,
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    ...(s.kind === 'donations' && s.payments ? { paymentsSent } : {}),
  };
}

process.once('message', (s: Scenario) => {
  run(s).then(
    (result) => process.send!(result, () => process.exit(0)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
});
