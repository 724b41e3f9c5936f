// The load generator, in its own process (forked by bench/http.ts) so that it never shares an event
// loop with a server it measures. Gets one scenario as a message, answers with the summary.
import autocannon from 'autocannon';

export interface DonationTarget {
  sid: string;
  token: string;
  donorId: string;
}

export type Scenario =
  | { kind: 'get'; url: string; token?: string; connections: number; seconds: number }
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
}

let n = 0;

function options(s: Scenario): autocannon.Options {
  const common = { connections: s.connections, duration: s.seconds, pipelining: 1 };
  if (s.kind === 'get') {
    return { ...common, url: s.url, headers: s.token ? { authorization: `Bearer ${s.token}` } : {} };
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
          return {
            ...req,
            method: 'POST',
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
              receivedAt: s.receivedAt,
            }),
          };
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
