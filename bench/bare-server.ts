// The baseline: node:http + one pg Pool answering, each in one query, with the same rows and answer as
// the app: GET /societies/:sid/donations?limit=N (JSON), and for issue 14's public reads
// GET /public/societies/:sid/disclosures?limit=N (JSON) and GET /p/:sid (the board's HTML, through the
// app's own pure renderer). No framework, no auth: what the hardware and driver allow.
import { createServer, ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { localDay } from '../src/common/calendar';
import { checkCode, CHECK_CODE_LENGTH } from '../src/disclosures/domain/snapshot';
import { renderBoardPage } from '../src/disclosures/pages/board-page';
import { pageHeaders } from '../src/disclosures/pages/headers';
import type { NoticeSummaryView } from '../src/disclosures/pages/views';

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

const BASE = (process.env.PUBLIC_BASE_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
const GENESIS = '0'.repeat(64);

// Whether the society exists and a page of its notices of one status, newest first.
const PUBLIC_LIST = `
  SELECT s.id AS sid, d.id, d.notice_no, d.status, d.published_at, d.ends_at, d.snapshot, d.snapshot_sha256,
         d.withdrawn_at
    FROM societies s
    LEFT JOIN LATERAL (SELECT * FROM disclosures x WHERE x.society_id = s.id AND x.status = $2
                        ORDER BY x.published_at DESC, x.id DESC LIMIT $3) d ON true
   WHERE s.id = $1`;

type Snapshot = {
  societyName: string;
  periodFrom: string;
  periodTo: string;
  note: string | null;
  items: unknown[];
  totalFen: number;
  auditHead: { seq: number; hash: string };
};

function publicItem(r: Row & { snapshot: Snapshot }) {
  const s = r.snapshot;
  const id = r.id as string;
  return {
    id,
    noticeNo: r.notice_no,
    status: r.status,
    publishedAt: iso(r.published_at),
    endsAt: iso(r.ends_at),
    periodFrom: s.periodFrom,
    periodTo: s.periodTo,
    note: s.note,
    items: s.items,
    totalFen: s.totalFen,
    checkCode: checkCode(r.snapshot_sha256 as string),
    auditHead: { seq: s.auditHead.seq, hash: s.auditHead.hash },
    publicUrl: `${BASE}/p/disclosures/${id}`,
    societyId: r.sid,
    societyName: s.societyName,
    withdrawnAt: iso(r.withdrawn_at),
    pdfUrl: `${BASE}/api/v1/public/disclosures/${id}/notice.pdf`,
  };
}

// The board in one statement: the society, its fund, this local year's totals (the app's query),
// every active notice and the five latest ended ones (only what the board shows), the audit head.
const BOARD = `
  WITH s AS (SELECT id, name, contact_phone, timezone,
                    (date_trunc('year', now() AT TIME ZONE timezone)) AT TIME ZONE timezone AS y0,
                    (date_trunc('year', now() AT TIME ZONE timezone) + interval '1 year') AT TIME ZONE timezone AS y1
               FROM societies WHERE id = $1),
       period AS (
         SELECT e.kind, e.ref_type, e.ref_id, l.account_code, l.debit_fen, l.credit_fen
           FROM s JOIN ledger_entries e ON e.society_id = s.id AND e.posted_at >= s.y0 AND e.posted_at < s.y1
           JOIN ledger_lines l ON l.society_id = e.society_id AND l.entry_id = e.id)
  SELECT s.id, s.name, s.contact_phone, s.timezone, f.balance_fen,
         (SELECT coalesce(sum(credit_fen) FILTER (WHERE kind = 'donation' AND account_code = 'donations'), 0)
                 - (SELECT coalesce(sum(vl.debit_fen), 0)
                      FROM ledger_entries v
                      JOIN ledger_lines vl ON vl.society_id = v.society_id AND vl.entry_id = v.id
                     WHERE v.society_id = $1 AND v.kind = 'donation_void' AND vl.account_code = 'donations'
                       AND v.ref_type = 'donation'
                       AND v.ref_id IN (SELECT ref_id FROM period WHERE kind = 'donation' AND ref_type = 'donation'))
            FROM period) AS donated,
         (SELECT coalesce(sum(debit_fen) FILTER (WHERE kind = 'aid_payment' AND account_code = 'aid'), 0) FROM period) AS aid_paid,
         (SELECT count(DISTINCT ref_id) FILTER (WHERE kind = 'aid_payment' AND ref_type = 'case') FROM period) AS cases_paid,
         (SELECT coalesce(json_agg(n), '[]') FROM (
            SELECT id, notice_no AS "noticeNo", snapshot->>'periodFrom' AS "periodFrom", snapshot->>'periodTo' AS "periodTo",
                   jsonb_array_length(snapshot->'items') AS "itemCount", (snapshot->>'totalFen')::bigint AS "totalFen"
              FROM disclosures WHERE society_id = $1 AND status = 'active' ORDER BY published_at DESC, id DESC) n) AS active,
         (SELECT coalesce(json_agg(n), '[]') FROM (
            SELECT id, notice_no AS "noticeNo", snapshot->>'periodFrom' AS "periodFrom", snapshot->>'periodTo' AS "periodTo",
                   jsonb_array_length(snapshot->'items') AS "itemCount", (snapshot->>'totalFen')::bigint AS "totalFen"
              FROM disclosures WHERE society_id = $1 AND status = 'ended' ORDER BY published_at DESC, id DESC LIMIT 5) n) AS ended,
         h.seq AS head_seq, h.hash AS head_hash
    FROM s JOIN funds f ON f.society_id = s.id LEFT JOIN audit_heads h ON h.society_id = s.id`;

type Notice = Omit<NoticeSummaryView, 'publishedOn'>;
const summary = (n: Notice): NoticeSummaryView => ({
  ...n,
  publishedOn: n.periodFrom,
  totalFen: Number(n.totalFen),
});

function board(res: ServerResponse, sid: string): void {
  pool.query(BOARD, [sid]).then(
    ({ rows }) => {
      const r = rows[0] as Record<string, unknown> | undefined;
      if (!r) return send(res, 404, { statusCode: 404 });
      const html = renderBoardPage({
        society: {
          id: r.id as string,
          name: r.name as string,
          contactPhone: r.contact_phone as string | null,
        },
        asOf: localDay(new Date(), r.timezone as string).date,
        fund: {
          balanceFen: Number(r.balance_fen),
          donatedThisYearFen: Number(r.donated),
          aidPaidThisYearFen: Number(r.aid_paid),
          aidedThisYear: Number(r.cases_paid),
        },
        activeNotices: (r.active as Notice[]).map(summary),
        endedNotices: (r.ended as Notice[]).map(summary),
        auditHead: {
          seq: r.head_seq === null ? 0 : Number(r.head_seq),
          hashPrefix: ((r.head_hash as string | null) ?? GENESIS).slice(0, CHECK_CODE_LENGTH),
        },
      });
      res.writeHead(200, pageHeaders('short')).end(html);
    },
    () => send(res, 500, { statusCode: 500 }),
  );
}

function publicList(res: ServerResponse, sid: string, status: string, limit: number): void {
  pool.query<Row & { snapshot: Snapshot }>(PUBLIC_LIST, [sid, status, limit + 1]).then(
    ({ rows }) => {
      if (!rows.length) return send(res, 404, { statusCode: 404 });
      const found = rows.filter((r) => r.id !== null);
      const items = found.slice(0, limit);
      const last = found.length > limit ? items[items.length - 1] : undefined;
      const nextCursor = last
        ? Buffer.from(JSON.stringify([iso(last.published_at), last.id])).toString('base64url')
        : null;
      res.setHeader('cache-control', 'public, max-age=30');
      send(res, 200, { items: items.map(publicItem), nextCursor });
    },
    () => send(res, 500, { statusCode: 500 }),
  );
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
  const p = /^\/p\/([0-9a-f-]{36})$/.exec(url.pathname);
  if (p) return board(res, p[1]);
  const pub = /^\/public\/societies\/([0-9a-f-]{36})\/disclosures$/.exec(url.pathname);
  if (pub) {
    const limit = Number(url.searchParams.get('limit') ?? 50);
    return publicList(res, pub[1], url.searchParams.get('status') ?? 'active', limit);
  }
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
