// The baseline: node:http + one pg Pool answering GET /societies/:sid/donations?limit=N with the same
// rows and JSON as the app, in one query. No framework, no auth: what the hardware and driver allow.
import { createServer, ServerResponse } from 'node:http';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL ?? 20) });

const LIST = `
  SELECT x.id, x.receipt_no, x.donor_id, d.name AS donor_name, x.amount_fen, x.received_at,
         to_char(x.received_on, 'YYYY-MM-DD') AS received_on, x.channel, x.account_code, x.reference, x.note,
         x.status, x.entry_id, x.recorded_by, x.created_at, x.voided_at, x.void_reason, x.void_entry_id
    FROM donations x JOIN donors d ON d.society_id = x.society_id AND d.id = x.donor_id
   WHERE x.society_id = $1 ORDER BY x.received_at DESC, x.id DESC LIMIT $2`;

type Row = Record<string, string | Date | null>;
const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

function toItem(r: Row) {
  return {
    id: r.id,
    receiptNo: r.receipt_no,
    donorId: r.donor_id,
    donorName: r.donor_name,
    amountFen: Number(r.amount_fen),
    receivedAt: iso(r.received_at),
    receivedOn: r.received_on,
    channel: r.channel,
    account: r.account_code,
    reference: r.reference,
    note: r.note,
    status: r.status,
    entryId: r.entry_id,
    recordedBy: r.recorded_by,
    createdAt: iso(r.created_at),
    voidedAt: iso(r.voided_at),
    voidReason: r.void_reason,
    voidEntryId: r.void_entry_id,
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(json);
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
  const m = /^\/societies\/([0-9a-f-]{36})\/donations$/.exec(url.pathname);
  if (!m) return send(res, 404, { statusCode: 404 });
  const limit = Number(url.searchParams.get('limit') ?? 50);
  pool.query<Row>(LIST, [m[1], limit + 1]).then(
    ({ rows }) => {
      const items = rows.slice(0, limit);
      const last = rows.length > limit ? items[items.length - 1] : undefined;
      const nextCursor = last
        ? Buffer.from(JSON.stringify([iso(last.received_at), last.id])).toString('base64url')
        : null;
      send(res, 200, { items: items.map(toItem), nextCursor });
    },
    () => send(res, 500, { statusCode: 500 }),
  );
});

server.listen(Number(process.env.PORT), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
