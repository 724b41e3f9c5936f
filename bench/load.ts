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
      // Month's end: donations round-robin over the societies, and every `paymentEvery`-th request
      // pays the next approved case (until they run out; then donations only).
      kind: 'month-end';
      baseUrl: string;
      targets: DonationTarget[];
      payments: PaymentTarget[];
      paymentEvery: number;
      receivedAt: string;
      connections: number;
      seconds: number;
    }
  | {
      kind: 'donations';
      baseUrl: string;
      targets: DonationTarget[];
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

function donation(t: DonationTarget, receivedAt: string) {
  return {
    method: 'POST' as const,
    path: `/api/v1/societies/${t.sid}/donations`,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${t.token}`,
      'idempotency-key': `bench-${process.pid}-${n}`,
    },
    body: JSON.stringify({
      donorId: t.donorId,
      amountFen: 100 + (n % 997),
      channel: n % 5 ? 'bank_transfer' : 'cash',
      receivedAt,
    }),
  };
}

function payment(p: PaymentTarget) {
  return {
    method: 'POST' as const,
    path: `/api/v1/societies/${p.sid}/cases/${p.caseId}/payment`,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${p.token}`,
      'idempotency-key': `bench-${process.pid}-${n}`,
    },
    body: JSON.stringify({ amountFen: p.amountFen, account: n % 4 ? 'bank' : 'cash' }),
  };
}

function options(s: Scenario): autocannon.Options {
  const common = { connections: s.connections, duration: s.seconds, pipelining: 1 };
  if (s.kind === 'get') {
    return { ...common, url: s.url, headers: s.token ? { authorization: `Bearer ${s.token}` } : {} };
  }
  if (s.kind === 'month-end') {
    return {
      ...common,
      url: s.baseUrl,
      requests: [
        {
          setupRequest: (req: autocannon.Request) => {
            n += 1;
            const pay = n % s.paymentEvery === 0 && paymentsSent < s.payments.length;
            if (pay) return { ...req, ...payment(s.payments[paymentsSent++]) };
            return { ...req, ...donation(s.targets[n % s.targets.length], s.receivedAt) };
          },
        },
      ],
    };
  }
  // Requests go round-robin over the societies; each carries its own Idempotency-Key, as a client would.
  return {
    ...common,
    url: s.baseUrl,
    requests: [
      {
        method: 'POST',
        setupRequest: (req: autocannon.Request) => {
          const t = s.targets[n % s.targets.length];
          n += 1;
          return { ...req, ...donation(t, s.receivedAt) };
        },
      },
    ],
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
    ...(s.kind === 'month-end' ? { paymentsSent } : {}),
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
