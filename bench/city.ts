// A city's installation, generated in bulk (issue 14): societies of very different sizes (Zipf), each
// with a board of nine, a treasurer, a supervisor and a collector; donors and their receipted gifts;
// cases in every status with their votes, holds, payments and timeline; public notices with frozen
// snapshots; objections; leads; and one audit chain per society. Rows go in as multi-row
// `INSERT … SELECT FROM unnest(…)` (node-postgres has no COPY without pg-copy-streams), with
// triggers off (session_replication_role = replica) because every invariant the triggers and foreign
// keys guard is built here from the app's own rules — ledger lines (fund/domain/ledger), the audit
// hash (audit/domain/hash-chain), PII encryption (PiiCipher), numbers (yearly-number formatters), the
// public snapshot (disclosures/domain) — and checked afterwards by `checkCity` in set-based SQL.
// Reproducible: every choice comes from a PRNG seeded by (seed, society); only AES-GCM IVs are random.
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { chainHash, ChainedEvent, GENESIS_HASH } from '../src/audit/domain/hash-chain';
import { idCardCheckChar } from '../src/common/cn-ids/id-card';
import { PiiCipher } from '../src/common/crypto/pii-cipher';
import { caseNo } from '../src/cases/domain/case-no';
import type { CaseCategory, CaseSource } from '../src/cases/domain/labels';
import type { CaseStatus } from '../src/cases/domain/case-status';
import { CATEGORY_LABELS, displayName, PublicItem } from '../src/disclosures/domain/public-item';
import { buildSnapshot, snapshotSha256 } from '../src/disclosures/domain/snapshot';
import { noticeCounter, noticeNo } from '../src/disclosures/domain/notice-no';
import { trackingCode } from '../src/disclosures/domain/tracking-code';
import { accountFor, Channel, DonorKind, receiptNo } from '../src/donors/domain/labels';
import {
  aidPaymentLines,
  donationLines,
  donationVoidLines,
  EntryKind,
  Line,
  normalDelta,
  recoveryLines,
  transferLines,
  AccountCode,
} from '../src/fund/domain/ledger';
import { DEFAULT_SETTINGS, DEFAULT_TIMEZONE } from '../src/societies/domain/settings';

export interface CityShape {
  societies: number;
  entries: number;
  cases: number;
  disclosures: number;
  seed: number;
  /** Societies are numbered from here (a 1% copy uses the same formula as the first six). */
  now: Date;
}

export const CITY: Omit<CityShape, 'seed' | 'now'> = {
  societies: 600,
  entries: 1_000_000,
  cases: 200_000,
  disclosures: 50_000,
};

export function scaled(factor: number): Omit<CityShape, 'seed' | 'now'> {
  return {
    societies: Math.max(1, Math.round(CITY.societies * factor)),
    entries: Math.round(CITY.entries * factor),
    cases: Math.round(CITY.cases * factor),
    disclosures: Math.round(CITY.disclosures * factor),
  };
}

export interface CityReport {
  societies: { id: string; name: string; secretaryId: string; secretaryName: string; cases: number }[];
  overseer: { id: string; username: string };
  rows: Record<string, number>;
  ms: number;
}

// ---------------------------------------------------------------------------------------------
// Randomness

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  uuid(): string {
    const b: number[] = [];
    for (let i = 0; i < 16; i++) b.push(Math.floor(this.next() * 256));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  bytes(n: number): Uint8Array {
    return Uint8Array.from({ length: n }, () => Math.floor(this.next() * 256));
  }
  /** A time in [from, to). */
  time(from: number, to: number): number {
    return from + Math.floor(this.next() * (to - from));
  }
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TZ_OFFSET = 8 * HOUR; // Asia/Shanghai, no DST
const localYear = (t: number) => new Date(t + TZ_OFFSET).getUTCFullYear();
const localDay = (t: number) => new Date(t + TZ_OFFSET).toISOString().slice(0, 10);

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华玉兰志强春梅海燕德明红梅';
const VILLAGES = '杏花月亮湖清溪秋浦梅街牛头山乌沙殷汇大渡口墩上观前唐田棠溪清风';

function personName(r: Rng): string {
  return r.pick([...SURNAMES]) + r.pick([...GIVEN]) + (r.next() < 0.5 ? r.pick([...GIVEN]) : '');
}

/** A GB 11643 ID number born between 1940 and 2005 (some children: 2012–2020). */
function idNumber(r: Rng): string {
  const child = r.next() < 0.05;
  const year = child ? r.int(2012, 2020) : r.int(1940, 2005);
  const birth = `${year}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}`;
  const first17 = `341702${birth}${String(r.int(0, 999)).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

function mobile(r: Rng): string {
  return `1${r.pick(['3', '5', '8'])}${String(r.int(0, 999_999_999)).padStart(9, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Bulk insert

type Col = [name: string, type: string];

/**
 * The statements in flight on one connection (node-postgres queues them): generating the next rows
 * overlaps with PostgreSQL inserting the last ones. At most `depth` wait, so memory stays bounded.
 */
class Pipe {
  private pending: Promise<unknown>[] = [];
  private tail: Promise<unknown> = Promise.resolve();
  constructor(
    readonly client: Client,
    private readonly depth = 6,
  ) {}

  async send(text: string, params: unknown[]): Promise<void> {
    // Each statement starts when the one before it is done (one query at a time on a client).
    const p = this.tail.then(() => this.client.query(text, params));
    this.tail = p.catch(() => undefined);
    this.pending.push(p);
    while (this.pending.length > this.depth) await this.pending.shift();
  }

  async drain(): Promise<void> {
    while (this.pending.length) await this.pending.shift();
  }
}

class Table {
  private rows: unknown[][] = [];
  inserted = 0;
  constructor(
    readonly name: string,
    private readonly cols: Col[],
    private readonly pipe: Pipe,
    private readonly batch = 4000,
  ) {}

  async add(...row: unknown[]): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= this.batch) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.rows.length) return;
    const rows = this.rows;
    this.rows = [];
    // Array-typed columns (text[]) travel as their literal text and are cast per row.
    const params = this.cols.map((_, i) => rows.map((r) => r[i]));
    const unnest = this.cols
      .map(([, type], i) => `$${i + 1}::${type.endsWith('[]') ? 'text' : type}[]`)
      .join(', ');
    const select = this.cols
      .map(([name, type], i) => (type.endsWith('[]') ? `c${i}::${type}` : `c${i}`) + ` AS ${name}`)
      .join(', ');
    const names = this.cols.map(([n]) => n).join(', ');
    const aliases = this.cols.map((_, i) => `c${i}`).join(', ');
    await this.pipe.send(
      `INSERT INTO ${this.name} (${names}) SELECT ${select} FROM unnest(${unnest}) AS u (${aliases})`,
      params,
    );
    this.inserted += rows.length;
  }
}

// ---------------------------------------------------------------------------------------------
// The generator

interface Entry {
  id: string;
  kind: EntryKind;
  at: number;
  lines: Line[];
  memo: string | null;
  ref: { type: string; id: string } | null;
  by: string;
  /** Filled when seq is known. */
  seq?: number;
}

interface AuditDraft {
  at: number;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  data: Record<string, unknown>;
  /** Set when the event's seq is wanted (a disclosure's snapshot names the head). */
  mark?: (seq: number, hash: string) => void;
}

const CATEGORIES: CaseCategory[] = [
  'serious_illness',
  'accident',
  'disaster',
  'fire',
  'sudden_hardship',
  'other',
];
const SOURCES: CaseSource[] = [
  'self_application',
  'collector_report',
  'platform_warning',
  'department_referral',
  'home_visit',
  'hotline',
];
const DONOR_KINDS: DonorKind[] = [
  'individual',
  'individual',
  'individual',
  'enterprise',
  'retired_cadre',
  'migrant_entrepreneur',
  'collective',
  'other',
];
const CHANNELS: Channel[] = ['cash', 'bank_transfer', 'wechat', 'alipay', 'other'];

/** Cumulative shares of the statuses; active ones (voting … disputed) are recent, the rest spread. */
const STATUS_SHARES: [CaseStatus, number][] = [
  ['draft', 0.04],
  ['voting', 0.01],
  ['approved', 0.01],
  ['rejected', 0.08],
  ['withdrawn', 0.04],
  ['paid', 0.03],
  ['publicized', 0.03],
  ['disputed', 0.005],
  ['recovered', 0.005],
  ['closed', 0.75],
];
const RECENT: ReadonlySet<CaseStatus> = new Set(['voting', 'approved', 'paid', 'publicized', 'disputed']);

function caseStatus(r: Rng): CaseStatus {
  let x = r.next();
  for (const [s, share] of STATUS_SHARES) {
    if (x < share) return s;
    x -= share;
  }
  return 'closed';
}

/** Zipf (s = 1) shares of `n` societies: the largest holds ≈ 1/H(n) of everything. */
function shares(n: number): number[] {
  const w = Array.from({ length: n }, (_, i) => 1 / (i + 1));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

export async function generateCity(
  client: Client,
  shape: CityShape,
  cipher: PiiCipher,
  passwordHash: string,
  log: (line: string) => void = () => undefined,
): Promise<CityReport> {
  const started = Date.now();
  await client.query(`SET session_replication_role = replica`);
  await client.query(`SET synchronous_commit = off`);
  const pipe = new Pipe(client);
  const T = (name: string, cols: Col[]) => new Table(name, cols, pipe);
  const t = {
    users: T('users', [
      ['id', 'uuid'],
      ['username', 'text'],
      ['display_name', 'text'],
      ['password_hash', 'text'],
      ['phone_enc', 'bytea'],
      ['platform_role', 'text'],
      ['password_changed_at', 'timestamptz'],
      ['created_at', 'timestamptz'],
    ]),
    societies: T('societies', [
      ['id', 'uuid'],
      ['name', 'text'],
      ['region_code', 'text'],
      ['address', 'text'],
      ['contact_phone', 'text'],
      ['timezone', 'text'],
      ['settings', 'jsonb'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ]),
    memberships: T('memberships', [
      ['society_id', 'uuid'],
      ['id', 'uuid'],
      ['user_id', 'uuid'],
      ['roles', 'text[]'],
      ['started_at', 'timestamptz'],
    ]),
    funds: T('funds', [
      ['society_id', 'uuid'],
      ['balance_fen', 'int8'],
      ['held_fen', 'int8'],
    ]),
    accounts: T('accounts', [
      ['society_id', 'uuid'],
      ['code', 'text'],
      ['type', 'text'],
      ['balance_fen', 'int8'],
    ]),
    counters: T('counters', [
      ['society_id', 'uuid'],
      ['name', 'text'],
      ['value', 'int8'],
    ]),
    entries: T('ledger_entries', [
      ['society_id', 'uuid'],
      ['id', 'uuid'],
      ['seq', 'int8'],
      ['kind', 'text'],
      ['posted_at', 'timestamptz'],
      ['memo', 'text'],
      ['ref_type', 'text'],
      ['ref_id', 'uuid'],
      ['created_by', 'uuid'],
    ]),
    lines: T('ledger_lines', [
      ['society_id', 'uuid'],
      ['entry_id', 'uuid'],
      ['line_no', 'int2'],
      ['account_code', 'text'],
      ['debit_fen', 'int8'],
      ['credit_fen', 'int8'],
    ]),
    holds: T('holds', [
      ['society_id', 'uuid'],
      ['id', 'uuid'],
      ['amount_fen', 'int8'],
      ['status', 'text'],
      ['settled_fen', 'int8'],
      ['entry_id', 'uuid'],
      ['ref_type', 'text'],
      ['ref_id', 'uuid'],
      ['created_at', 'timestamptz'],
      ['closed_at', 'timestamptz'],
    ]),
    donors: T('donors', [
      ['society_id', 'uuid'],
      ['id', 'uuid'],
      ['kind', 'text'],
      ['name', 'text'],
      ['phone_enc', 'bytea'],
      ['phone_hmac', 'text'],
      ['anonymous', 'bool'],
      ['created_by', 'uuid'],
      ['created_at', 'timestamptz'],
    ]),
    donations: T('donations', [
      ['society_id', 'uuid'],
      ['id', 'uuid'],
      ['receipt_no', 'text'],
      ['donor_id', 'uuid'],
      ['amount_fen', 'int8'],
      ['received_at', 'timestamptz'],
      ['received_on', 'date'],
      ['channel', 'text'],
      ['account_code', 'text'],
      ['status', 'text'],
      ['entry_id', 'uuid'],
      ['void_entry_id', 'uuid'],
      ['void_reason', 'text'],
      ['voided_at', 'timestamptz'],
      ['voided_by', 'uuid'],
      ['recorded_by', 'uuid'],
      ['created_at', 'timestamptz'],
    ]),
    cases: T('cases', [
      ['society_id', 'uuid'],
      ['id', 'uuid'],
      ['case_no', 'text'],
      ['status', 'text'],
      ['applicant_name', 'text'],
      ['applicant_id_enc', 'bytea'],
      ['applicant_id_hmac', 'text'],
      ['applicant_phone_enc', 'bytea'],
      ['household_size', 'int4'],
      ['pseudonym', 'text'],
      ['category', 'text'],
      ['source', 'text'],
      ['description', 'text'],
      ['requested_amount_fen', 'int8'],
      ['filed_by', 'uuid'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
      ['hold_id', 'uuid'],
      ['approved_amount_fen', 'int8'],
      ['vote_opened_by', 'uuid'],
      ['paid_entry_id', 'uuid'],
      ['paid_at', 'timestamptz'],
      ['paid_amount_fen', 'int8'],
      ['recovered_entry_id', 'uuid'],
      ['recovered_at', 'timestamptz'],
      ['recovered_amount_fen', 'int8'],
    ]),
    caseEvents: T('case_events', [
      ['society_id', 'uuid'],
      ['id', 'uuid'],
      ['case_id', 'uuid'],
      ['at', 'timestamptz'],
      ['action', 'text'],
      ['actor_id', 'uuid'],
      ['from_status', 'text'],
      ['to_status', 'text'],
    ]),
    votes: T('votes', [
      ['society_id', 'uuid'],
      ['id', 'uuid'],
      ['case_id', 'uuid'],
      ['amount_fen', 'int8'],
      ['mode', 'text'],
      ['status', 'text'],
      ['outcome', 'text'],
      ['quorum', 'text'],
      ['approval', 'text'],
      ['approval_rule', 'text'],
      ['hold_id', 'uuid'],
      ['opened_by', 'uuid'],
      ['opens_at', 'timestamptz'],
      ['closes_at', 'timestamptz'],
      ['closed_at', 'timestamptz'],
      ['close_reason', 'text'],
    ]),
    voters: T('vote_voters', [
      ['society_id', 'uuid'],
      ['vote_id', 'uuid'],
      ['voter_id', 'uuid'],
    ]),
    ballots: T('ballots', [
      ['society_id', 'uuid'],
      ['id', 'uuid'],
      ['vote_id', 'uuid'],
      ['voter_id', 'uuid'],
      ['choice', 'text'],
      ['mode', 'text'],
      ['cast_at', 'timestamptz'],
    ]),
    disclosures: T('disclosures', [
      ['society_id', 'uuid'],
      ['id', 'uuid'],
      ['notice_no', 'text'],
      ['status', 'text'],
      ['published_by', 'uuid'],
      ['published_at', 'timestamptz'],
      ['ends_at', 'timestamptz'],
      ['snapshot', 'jsonb'],
      ['snapshot_sha256', 'text'],
      ['ended_at', 'timestamptz'],
    ]),
    items: T('disclosure_items', [
      ['society_id', 'uuid'],
      ['disclosure_id', 'uuid'],
      ['case_id', 'uuid'],
      ['position', 'int4'],
      ['case_no', 'text'],
    ]),
    objections: T('objections', [
      ['society_id', 'uuid'],
      ['id', 'uuid'],
      ['disclosure_id', 'uuid'],
      ['case_id', 'uuid'],
      ['tracking_code', 'text'],
      ['content', 'text'],
      ['status', 'text'],
      ['response', 'text'],
      ['created_at', 'timestamptz'],
      ['resolved_at', 'timestamptz'],
      ['resolved_by', 'uuid'],
      ['disputed_case_id', 'uuid'],
    ]),
    intakeKeys: T('intake_keys', [
      ['society_id', 'uuid'],
      ['id', 'uuid'],
      ['name', 'text'],
      ['key_hash', 'text'],
      ['key_prefix', 'text'],
      ['created_by', 'uuid'],
      ['created_at', 'timestamptz'],
    ]),
    leads: T('leads', [
      ['society_id', 'uuid'],
      ['id', 'uuid'],
      ['intake_key_id', 'uuid'],
      ['external_id', 'text'],
      ['subject_name', 'text'],
      ['indicators', 'jsonb'],
      ['observed_at', 'timestamptz'],
      ['received_at', 'timestamptz'],
      ['status', 'text'],
      ['case_id', 'uuid'],
      ['dismiss_reason', 'text'],
      ['resolved_by', 'uuid'],
      ['resolved_at', 'timestamptz'],
    ]),
    audit: T('audit_events', [
      ['society_id', 'uuid'],
      ['seq', 'int8'],
      ['at', 'timestamptz'],
      ['actor_id', 'uuid'],
      ['action', 'text'],
      ['entity', 'text'],
      ['entity_id', 'text'],
      ['data', 'jsonb'],
      ['prev_hash', 'text'],
      ['hash', 'text'],
    ]),
    heads: T('audit_heads', [
      ['society_id', 'uuid'],
      ['seq', 'int8'],
      ['hash', 'text'],
    ]),
  };

  const root = new Rng(shape.seed);
  const now = shape.now.getTime();
  const since = now - 3 * 365 * DAY;
  const report: CityReport = {
    societies: [],
    overseer: { id: root.uuid(), username: 'city.overseer' },
    rows: {},
    ms: 0,
  };
  await t.users.add(
    report.overseer.id,
    report.overseer.username,
    '市民政局',
    passwordHash,
    null,
    'overseer',
    new Date(since),
    new Date(since),
  );

  const share = shares(shape.societies);
  for (let s = 0; s < shape.societies; s++) {
    const r = new Rng(shape.seed * 1_000_003 + s + 1);
    const sid = r.uuid();
    const created = since + r.int(0, 30) * DAY;
    const village = VILLAGES.slice((s * 2) % (VILLAGES.length - 1), ((s * 2) % (VILLAGES.length - 1)) + 2);
    const name = `${village}社区救急难互助社${String(s + 1).padStart(3, '0')}`;
    const region = `3417020${String(Math.floor(s / 100) + 1).padStart(2, '0')}${String((s % 100) + 1).padStart(3, '0')}`;
    await t.societies.add(
      sid,
      name,
      region,
      `池州市贵池区${village}`,
      `0566-${String(2000000 + s).padStart(7, '0')}`,
      DEFAULT_TIMEZONE,
      JSON.stringify(DEFAULT_SETTINGS),
      new Date(created),
      new Date(created),
    );
    const audit: AuditDraft[] = [
      {
        at: created,
        actorId: null,
        action: 'society.created',
        entity: 'society',
        entityId: sid,
        data: { name },
      },
    ];

    // People: the board of nine (the first is also the secretary), a treasurer, a supervisor, a collector.
    const roles: string[][] = [
      ['secretary', 'board'],
      ...Array.from({ length: 8 }, () => ['board']),
      ['treasurer'],
      ['supervisor'],
      ['collector'],
    ];
    const people = roles.map((rs, i) => ({ id: r.uuid(), roles: rs, username: `s${s + 1}.u${i + 1}` }));
    for (const p of people) {
      const at = created + 60_000;
      await t.users.add(
        p.id,
        p.username,
        personName(r),
        passwordHash,
        cipher.encrypt(mobile(r)),
        null,
        new Date(at),
        new Date(at),
      );
      const mid = r.uuid();
      await t.memberships.add(sid, mid, p.id, `{${p.roles.join(',')}}`, new Date(at));
      audit.push({
        at,
        actorId: null,
        action: 'member.added',
        entity: 'membership',
        entityId: mid,
        data: { userId: p.id, roles: p.roles },
      });
    }
    const board = people.slice(0, 9);
    const secretary = people[0];
    const treasurer = people[9];
    const supervisor = people[10];
    report.societies.push({
      id: sid,
      name,
      secretaryId: secretary.id,
      secretaryName: secretary.username,
      cases: 0,
    });

    // How much of everything this society holds.
    const nCases = Math.max(3, Math.round(shape.cases * share[s]));
    const nEntriesTarget = Math.max(10, Math.round(shape.entries * share[s]));
    const nDisclosuresTarget = Math.max(1, Math.round(shape.disclosures * share[s]));
    report.societies[s].cases = nCases;

    const entries: Entry[] = [];
    const counters = new Map<string, number>();
    const take = (counter: string) => {
      const n = (counters.get(counter) ?? 0) + 1;
      counters.set(counter, n);
      return n;
    };

    // Cases: statuses first, times by status, then numbered in filing order.
    interface CaseGen {
      id: string;
      status: CaseStatus;
      at: number;
      name: string;
      pseudonym: string;
      idNo: string;
      category: CaseCategory;
      approvedFen: number;
      voteAt: number;
      decidedAt: number;
      paidAt: number;
      payEntry?: Entry;
      holdId: string | null;
      no?: string;
      ballots: { cast: number; approve: number };
    }
    const cases: CaseGen[] = [];
    for (let i = 0; i < nCases; i++) {
      const status = caseStatus(r);
      const at =
        status === 'voting'
          ? r.time(now - 12 * HOUR, now - 2 * HOUR)
          : RECENT.has(status)
            ? r.time(now - 6 * DAY, now - 20 * HOUR)
            : r.time(created + DAY, now - 30 * DAY);
      const name = personName(r);
      const voted = !['draft', 'withdrawn'].includes(status);
      const voteAt = at + r.int(1, 20) * 60_000;
      const decidedAt = status === 'voting' ? 0 : voteAt + r.int(10, 600) * 60_000;
      const paidAt = ['draft', 'withdrawn', 'voting', 'approved', 'rejected'].includes(status)
        ? 0
        : decidedAt + r.int(10, 300) * 60_000;
      const cast = status === 'voting' ? r.int(0, 4) : r.int(6, 9);
      const approve =
        status === 'voting'
          ? cast
          : status === 'rejected'
            ? r.int(0, Math.ceil((cast * 2) / 3) - 1)
            : r.int(Math.ceil((cast * 2) / 3), cast);
      cases.push({
        id: r.uuid(),
        status,
        at,
        name,
        pseudonym: `小${name[0]}`,
        idNo: idNumber(r),
        category: r.pick(CATEGORIES),
        approvedFen: r.int(10, 500) * 1000,
        voteAt,
        decidedAt,
        paidAt,
        holdId: voted ? r.uuid() : null,
        ballots: { cast, approve },
      });
    }
    cases.sort((a, b) => a.at - b.at);
    for (const c of cases) c.no = caseNo(localYear(c.at), take(`case:${localYear(c.at)}`));

    // Notices: the paid cases in order of payment, a few to a notice; recent ones still active.
    const published = cases.filter((c) =>
      ['publicized', 'disputed', 'recovered', 'closed'].includes(c.status),
    );
    published.sort((a, b) => a.paidAt - b.paidAt);
    const per = Math.max(1, Math.round(published.length / nDisclosuresTarget));
    interface Notice {
      id: string;
      cases: CaseGen[];
      at: number;
      endsAt: number;
      active: boolean;
    }
    const notices: Notice[] = [];
    for (let i = 0; i < published.length;) {
      const n = Math.min(50, Math.max(1, per + r.int(-1, 1)));
      const group: CaseGen[] = [];
      while (group.length < n && i < published.length) {
        const next = published[i];
        const active = next.status === 'publicized' || next.status === 'disputed';
        if (group.length && (group[0].status === 'publicized' || group[0].status === 'disputed') !== active)
          break;
        group.push(next);
        i++;
      }
      const last = Math.max(...group.map((c) => c.paidAt));
      const active = group[0].status === 'publicized' || group[0].status === 'disputed';
      const at = Math.min(last + HOUR, now - HOUR);
      const endsAt = Date.parse(`${localDay(at + DEFAULT_SETTINGS.disclosureDays * DAY)}T00:00:00+08:00`);
      notices.push({ id: r.uuid(), cases: group, at, endsAt, active });
    }
    // Money: aid payments and recoveries from the cases, then gifts to fill the society's entry count.
    let aidTotal = 0;
    let heldTotal = 0;
    for (const c of cases) {
      if (c.paidAt) {
        c.payEntry = {
          id: r.uuid(),
          kind: 'aid_payment',
          at: c.paidAt,
          lines: aidPaymentLines('bank', c.approvedFen),
          memo: null,
          ref: { type: 'case', id: c.id },
          by: treasurer.id,
        };
        entries.push(c.payEntry);
        aidTotal += c.approvedFen;
      } else if (c.status === 'voting' || c.status === 'approved') heldTotal += c.approvedFen;
    }
    const nDonors = Math.max(5, Math.round(nEntriesTarget / 30));
    const donors = Array.from({ length: nDonors }, () => ({
      id: r.uuid(),
      kind: r.pick(DONOR_KINDS),
      at: r.time(created + HOUR, now - DAY),
    }));
    donors.sort((a, b) => a.at - b.at);
    // The civil-affairs bureau's start-up grant covers every payment, hold and transfer to come.
    const grant = { id: r.uuid(), kind: 'government' as DonorKind, at: created + 2 * HOUR };
    donors.unshift(grant);
    for (const d of donors) {
      const phone = d.kind === 'individual' && r.next() < 0.6 ? mobile(r) : null;
      await t.donors.add(
        sid,
        d.id,
        d.kind,
        d === grant
          ? '贵池区民政局'
          : d.kind === 'enterprise'
            ? `池州${personName(r)}商贸有限公司`
            : personName(r),
        phone ? cipher.encrypt(phone) : null,
        phone ? cipher.hmac(phone) : null,
        d.kind === 'individual' && r.next() < 0.05,
        treasurer.id,
        new Date(d.at),
      );
      audit.push({
        at: d.at,
        actorId: treasurer.id,
        action: 'donor.created',
        entity: 'donor',
        entityId: d.id,
        data: { kind: d.kind },
      });
    }
    interface Gift {
      id: string;
      donorId: string;
      amountFen: number;
      at: number;
      channel: Channel;
      entry: Entry;
      void?: Entry;
    }
    const gifts: Gift[] = [];
    const recoveries = cases.filter((c) => c.status === 'recovered').length;
    const nGifts = Math.max(1, nEntriesTarget - entries.length - recoveries);
    let transfers = 0;
    for (let i = 0; i < nGifts; i++) {
      const first = i === 0;
      const donor = first ? grant : donors[r.int(1, donors.length - 1)];
      const at = first ? grant.at + HOUR : r.time(Math.max(donor.at, created + 3 * HOUR), now - HOUR);
      if (!first && r.next() < 0.02) {
        // A move of cash to the bank (or back) now and then.
        const amountFen = r.int(1, 50) * 1000;
        transfers += amountFen;
        entries.push({
          id: r.uuid(),
          kind: 'transfer',
          at,
          lines: transferLines('bank', 'cash', amountFen),
          memo: '备用金',
          ref: null,
          by: treasurer.id,
        });
        continue;
      }
      const channel: Channel = first ? 'bank_transfer' : r.pick(CHANNELS);
      const amountFen = first ? 0 : r.int(1, 200) * 500;
      const gift: Gift = {
        id: r.uuid(),
        donorId: donor.id,
        amountFen,
        at,
        channel,
        entry: { id: r.uuid(), kind: 'donation', at, lines: [], memo: null, ref: null, by: treasurer.id },
      };
      gift.entry.ref = { type: 'donation', id: gift.id };
      gifts.push(gift);
      entries.push(gift.entry);
      if (!first && r.next() < 0.01 && at < now - 2 * HOUR) {
        gift.void = {
          id: r.uuid(),
          kind: 'donation_void',
          at: at + HOUR,
          lines: donationVoidLines(accountFor(channel), amountFen),
          memo: '重复登记',
          ref: { type: 'donation', id: gift.id },
          by: treasurer.id,
        };
        entries.push(gift.void);
        i++;
      }
    }
    gifts[0].amountFen = aidTotal + heldTotal + transfers + 10_000_000;
    for (const g of gifts) g.entry.lines = donationLines(accountFor(g.channel), g.amountFen);

    // Recoveries: a part of the aid comes back, a few days after the payment.
    const recovered = new Map<string, Entry>();
    const noticeOf = new Map<string, Notice>();
    for (const n of notices) for (const c of n.cases) noticeOf.set(c.id, n);
    for (const c of cases) {
      if (c.status !== 'recovered') continue;
      const e: Entry = {
        id: r.uuid(),
        kind: 'recovery',
        at: noticeOf.get(c.id)!.at + 3 * DAY,
        lines: recoveryLines('bank', Math.ceil(c.approvedFen / 2)),
        memo: '申请人退回救助金',
        ref: { type: 'case', id: c.id },
        by: treasurer.id,
      };
      entries.push(e);
      recovered.set(c.id, e);
    }

    // Post in time order: seq, cached balances.
    entries.sort((a, b) => a.at - b.at);
    const balances: Record<AccountCode, number> = { bank: 0, cash: 0, donations: 0, recoveries: 0, aid: 0 };
    for (const e of entries) {
      e.seq = take('ledger_entry');
      await t.entries.add(
        sid,
        e.id,
        e.seq,
        e.kind,
        new Date(e.at),
        e.memo,
        e.ref?.type ?? null,
        e.ref?.id ?? null,
        e.by,
      );
      let no = 1;
      for (const l of e.lines) {
        await t.lines.add(sid, e.id, no++, l.account, l.debitFen, l.creditFen);
        balances[l.account] += normalDelta(l);
      }
    }
    if (balances.bank < 0 || balances.cash < 0) throw new Error(`society ${s}: negative balance`);

    // Gifts: receipt numbers in time order.
    gifts.sort((a, b) => a.at - b.at);
    for (const g of gifts) {
      const year = localYear(g.at);
      await t.donations.add(
        sid,
        g.id,
        receiptNo(year, take(`receipt:${year}`)),
        g.donorId,
        g.amountFen,
        new Date(g.at),
        localDay(g.at),
        g.channel,
        accountFor(g.channel),
        g.void ? 'voided' : 'recorded',
        g.entry.id,
        g.void?.id ?? null,
        g.void ? '重复登记' : null,
        g.void ? new Date(g.void.at) : null,
        g.void ? treasurer.id : null,
        treasurer.id,
        new Date(g.at),
      );
      audit.push({
        at: g.at,
        actorId: treasurer.id,
        action: 'donation.recorded',
        entity: 'donation',
        entityId: g.id,
        data: { account: accountFor(g.channel) },
      });
      if (g.void)
        audit.push({
          at: g.void.at,
          actorId: treasurer.id,
          action: 'donation.voided',
          entity: 'donation',
          entityId: g.id,
          data: { reason: '重复登记' },
        });
    }
    for (const e of entries)
      if (e.kind === 'transfer')
        audit.push({
          at: e.at,
          actorId: treasurer.id,
          action: 'fund.transfer',
          entity: 'entry',
          entityId: e.id,
          data: { from: 'bank', to: 'cash' },
        });

    // Cases, their votes, holds and timelines.
    const step = async (
      c: CaseGen,
      at: number,
      action: string,
      actor: string | null,
      from: CaseStatus | null,
      to: CaseStatus | null,
    ) => {
      await t.caseEvents.add(sid, r.uuid(), c.id, new Date(at), action, actor, from, to);
      audit.push({
        at,
        actorId: actor,
        action: `case.${action}`,
        entity: 'case',
        entityId: c.id,
        data: from === to ? {} : { from, to },
      });
    };
    for (const c of cases) {
      const rec = recovered.get(c.id);
      const updated = rec?.at || c.paidAt || c.decidedAt || c.at;
      const idHmac = cipher.hmac(c.idNo);
      await t.cases.add(
        sid,
        c.id,
        c.no,
        c.status,
        c.name,
        cipher.encrypt(c.idNo),
        idHmac,
        r.next() < 0.8 ? cipher.encrypt(mobile(r)) : null,
        r.int(1, 6),
        c.pseudonym,
        c.category,
        r.pick(SOURCES),
        `${CATEGORY_LABELS[c.category]}，家庭生活困难，申请临时救助。`,
        c.approvedFen,
        secretary.id,
        new Date(c.at),
        new Date(Math.max(updated, c.at)),
        c.holdId,
        c.holdId && c.status !== 'voting' && c.status !== 'rejected' ? c.approvedFen : null,
        c.holdId ? secretary.id : null,
        c.payEntry?.id ?? null,
        c.paidAt ? new Date(c.paidAt) : null,
        c.paidAt ? c.approvedFen : null,
        rec?.id ?? null,
        rec ? new Date(rec.at) : null,
        rec ? Math.ceil(c.approvedFen / 2) : null,
      );
      await step(c, c.at, 'file', secretary.id, null, 'draft');
      if (c.status === 'withdrawn') {
        await step(c, c.at + DAY, 'withdraw', secretary.id, 'draft', 'withdrawn');
        continue;
      }
      if (!c.holdId) continue;
      const held = c.status === 'voting' || c.status === 'approved';
      const released = c.status === 'rejected';
      await t.holds.add(
        sid,
        c.holdId,
        c.approvedFen,
        held ? 'held' : released ? 'released' : 'settled',
        held || released ? null : c.approvedFen,
        c.payEntry?.id ?? null,
        'case',
        c.id,
        new Date(c.voteAt),
        held ? null : new Date(released ? c.decidedAt : c.paidAt),
      );
      const voteId = r.uuid();
      const open = c.status === 'voting';
      await t.votes.add(
        sid,
        voteId,
        c.id,
        c.approvedFen,
        'remote',
        open ? 'open' : 'closed',
        open ? null : c.status === 'rejected' ? 'rejected' : 'approved',
        DEFAULT_SETTINGS.quorum,
        DEFAULT_SETTINGS.approval,
        DEFAULT_SETTINGS.approvalRule,
        c.holdId,
        secretary.id,
        new Date(c.voteAt),
        new Date(
          open
            ? now + DEFAULT_SETTINGS.voteWindowHours * HOUR - 2 * HOUR
            : c.voteAt + DEFAULT_SETTINGS.voteWindowHours * HOUR,
        ),
        open ? null : new Date(c.decidedAt),
        open ? null : 'decided',
      );
      for (const b of board) await t.voters.add(sid, voteId, b.id);
      for (let i = 0; i < c.ballots.cast; i++)
        await t.ballots.add(
          sid,
          r.uuid(),
          voteId,
          board[i].id,
          i < c.ballots.approve ? 'approve' : 'reject',
          'remote',
          new Date(c.voteAt + (i + 1) * 60_000),
        );
      await step(c, c.voteAt, 'open_vote', secretary.id, 'draft', 'voting');
      if (open) continue;
      await step(
        c,
        c.decidedAt,
        released ? 'reject' : 'approve',
        null,
        'voting',
        released ? 'rejected' : 'approved',
      );
      if (!c.paidAt) continue;
      await step(c, c.paidAt, 'pay', treasurer.id, 'approved', 'paid');
    }

    const noticeRows: { n: Notice; draft: AuditDraft }[] = [];
    for (const n of notices) {
      const draft: AuditDraft = {
        at: n.at,
        actorId: secretary.id,
        action: 'disclosure.published',
        entity: 'disclosure',
        entityId: n.id,
        data: { items: n.cases.length },
      };
      audit.push(draft);
      noticeRows.push({ n, draft });
      for (const c of n.cases) {
        await step(c, n.at, 'publicize', secretary.id, 'paid', 'publicized');
        if (c.status === 'closed') await step(c, n.endsAt, 'end_disclosure', null, 'publicized', 'closed');
        if (c.status !== 'disputed' && c.status !== 'recovered') continue;
        await step(c, n.at + 2 * HOUR, 'dispute', supervisor.id, 'publicized', 'disputed');
        const rec = recovered.get(c.id);
        if (!rec) continue;
        await step(c, rec.at, 'recover', treasurer.id, 'disputed', 'recovered');
        audit.push({
          at: rec.at,
          actorId: treasurer.id,
          action: 'fund.recovered',
          entity: 'case',
          entityId: c.id,
          data: { amountFen: Math.ceil(c.approvedFen / 2) },
        });
      }
    }

    // The chain: events in time order, numbered and hashed with the app's own function.
    audit.sort((a, b) => a.at - b.at);
    let head = { seq: 0, hash: GENESIS_HASH };
    const heads = new Map<AuditDraft, { seq: number; hash: string }>();
    for (const d of audit) {
      const e: ChainedEvent = {
        seq: head.seq + 1,
        at: new Date(d.at),
        actorId: d.actorId,
        action: d.action,
        entity: d.entity,
        entityId: d.entityId,
        data: d.data,
      };
      const hash = chainHash(head.hash, e);
      await t.audit.add(
        sid,
        e.seq,
        e.at,
        e.actorId,
        e.action,
        e.entity,
        e.entityId,
        JSON.stringify(e.data),
        head.hash,
        hash,
      );
      heads.set(d, head); // the head a notice published at this event saw
      head = { seq: e.seq, hash };
    }
    await t.heads.add(sid, head.seq, head.hash);

    for (const { n, draft } of noticeRows) {
      const year = localYear(n.at);
      const no = noticeNo(year, take(noticeCounter(year)));
      const publishedOn = localDay(n.at);
      const endsAt = n.endsAt;
      const items: PublicItem[] = n.cases.map((c) => ({
        caseNo: c.no!,
        displayName: displayName(
          {
            applicantName: c.name,
            pseudonym: c.pseudonym,
            birthDate: `${c.idNo.slice(6, 10)}-${c.idNo.slice(10, 12)}-${c.idNo.slice(12, 14)}`,
          },
          publishedOn,
        ),
        category: c.category,
        categoryLabel: CATEGORY_LABELS[c.category],
        amountFen: c.approvedFen,
        approvedOn: localDay(c.decidedAt),
        paidOn: localDay(c.paidAt),
        vote: { eligible: 9, cast: c.ballots.cast, approve: c.ballots.approve },
      }));
      const snapshot = buildSnapshot({
        societyId: sid,
        societyName: name,
        regionCode: region,
        contactPhone: `0566-${String(2000000 + s).padStart(7, '0')}`,
        noticeNo: no,
        publishedAt: new Date(n.at).toISOString(),
        publishedOn,
        periodFrom: publishedOn,
        periodTo: localDay(endsAt - DAY),
        endsAt: new Date(endsAt).toISOString(),
        note: null,
        items,
        auditHead: heads.get(draft)!,
      });
      const active = n.active && endsAt > now;
      await t.disclosures.add(
        sid,
        n.id,
        no,
        active ? 'active' : 'ended',
        secretary.id,
        new Date(n.at),
        new Date(endsAt),
        JSON.stringify(snapshot),
        snapshotSha256(snapshot),
        active ? null : new Date(Math.min(endsAt, now)),
      );
      let pos = 1;
      for (const c of n.cases) await t.items.add(sid, n.id, c.id, pos++, c.no);
      // Objections: an upheld one for each disputed or recovered case, a dismissed one now and then.
      for (const c of n.cases) {
        const upheld = c.status === 'disputed' || c.status === 'recovered';
        if (!upheld && r.next() > 0.03) continue;
        const at = n.at + HOUR;
        await t.objections.add(
          sid,
          r.uuid(),
          n.id,
          c.id,
          trackingCode(r.bytes(8)),
          '该户家庭条件较好，建议核实。',
          upheld ? 'upheld' : 'dismissed',
          upheld ? '经核实情况属实，已暂停。' : '经入户核实，情况属实。',
          new Date(at),
          new Date(at + HOUR),
          supervisor.id,
          upheld ? c.id : null,
        );
      }
    }

    // Leads from a monitoring platform.
    const keyId = r.uuid();
    const keyHash = Array.from(r.bytes(32), (b) => b.toString(16).padStart(2, '0')).join('');
    await t.intakeKeys.add(
      sid,
      keyId,
      '防返贫监测平台',
      keyHash,
      keyHash.slice(0, 8),
      secretary.id,
      new Date(created + DAY),
    );
    const nLeads = Math.max(1, Math.round(nCases / 6));
    for (let i = 0; i < nLeads; i++) {
      const at = r.time(created + 2 * DAY, now - HOUR);
      const status = r.next() < 0.7 ? 'dismissed' : 'new';
      await t.leads.add(
        sid,
        r.uuid(),
        keyId,
        `W${s}-${i}`,
        personName(r),
        JSON.stringify([{ code: 'medical_expense', label: '大额医疗支出', value: '12.6万元' }]),
        new Date(at - HOUR),
        new Date(at),
        status,
        null,
        status === 'dismissed' ? '已核实，不需救助' : null,
        status === 'dismissed' ? secretary.id : null,
        status === 'dismissed' ? new Date(at + DAY) : null,
      );
    }

    await t.funds.add(sid, balances.bank + balances.cash, heldTotal);
    for (const code of ['bank', 'cash', 'donations', 'recoveries', 'aid'] as AccountCode[])
      await t.accounts.add(
        sid,
        code,
        code === 'bank' || code === 'cash' ? 'asset' : code === 'aid' ? 'expense' : 'income',
        balances[code],
      );
    for (const [counter, value] of counters) await t.counters.add(sid, counter, value);
    if ((s + 1) % 50 === 0 || s === shape.societies - 1)
      log(
        `${s + 1}/${shape.societies} societies, ${t.entries.inserted} entries so far (${((Date.now() - started) / 1000).toFixed(0)} s)`,
      );
  }
  for (const table of Object.values(t)) {
    await table.flush();
    report.rows[table.name] = table.inserted;
  }
  await pipe.drain();
  await client.query(`RESET session_replication_role`);
  await client.query(`VACUUM ANALYZE`);
  report.ms = Date.now() - started;
  return report;
}

/**
 * What the triggers and foreign keys would have checked, in bulk: every entry balanced with ≥ 2 lines,
 * cached balances equal to the lines, held = open holds, seq gap-free, every foreign key of the
 * generated tables satisfied. Returns the problems found (empty: all good).
 */
export async function checkCity(client: Client): Promise<string[]> {
  const checks: [string, string][] = [
    [
      'unbalanced entries',
      `SELECT count(*) FROM (SELECT e.society_id, e.id FROM ledger_entries e
         LEFT JOIN ledger_lines l ON l.society_id = e.society_id AND l.entry_id = e.id
         GROUP BY 1, 2 HAVING count(l.*) < 2 OR sum(l.debit_fen) <> sum(l.credit_fen)) x`,
    ],
    [
      'cached account balances ≠ ledger',
      `SELECT count(*) FROM accounts a LEFT JOIN (
         SELECT society_id, account_code, sum(debit_fen - credit_fen) AS net FROM ledger_lines GROUP BY 1, 2) l
         ON l.society_id = a.society_id AND l.account_code = a.code
        WHERE a.balance_fen <> CASE WHEN a.type = 'income' THEN -coalesce(l.net, 0) ELSE coalesce(l.net, 0) END`,
    ],
    [
      'fund ≠ bank + cash, or held ≠ open holds',
      `SELECT count(*) FROM funds f
        WHERE f.balance_fen <> (SELECT sum(balance_fen) FROM accounts a WHERE a.society_id = f.society_id AND a.type = 'asset')
           OR f.held_fen <> (SELECT coalesce(sum(amount_fen), 0) FROM holds h WHERE h.society_id = f.society_id AND h.status = 'held')
           OR f.held_fen > f.balance_fen`,
    ],
    [
      'entry seq with gaps or counter behind',
      `SELECT count(*) FROM (SELECT society_id, count(*) n, max(seq) m FROM ledger_entries GROUP BY 1) e
         LEFT JOIN counters c ON c.society_id = e.society_id AND c.name = 'ledger_entry'
        WHERE e.n <> e.m OR c.value IS DISTINCT FROM e.m`,
    ],
    [
      'audit seq with gaps or head behind',
      `SELECT count(*) FROM (SELECT society_id, count(*) n, max(seq) m FROM audit_events GROUP BY 1) e
         LEFT JOIN audit_heads h ON h.society_id = e.society_id WHERE e.n <> e.m OR h.seq IS DISTINCT FROM e.m`,
    ],
    [
      'orphans (lines, donations, cases, items, ballots)',
      `SELECT (SELECT count(*) FROM ledger_lines l WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.society_id = l.society_id AND e.id = l.entry_id))
            + (SELECT count(*) FROM donations d WHERE NOT EXISTS (SELECT 1 FROM donors o WHERE o.society_id = d.society_id AND o.id = d.donor_id))
            + (SELECT count(*) FROM cases c WHERE c.paid_entry_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.society_id = c.society_id AND e.id = c.paid_entry_id))
            + (SELECT count(*) FROM disclosure_items i WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.society_id = i.society_id AND c.id = i.case_id))
            + (SELECT count(*) FROM ballots b WHERE NOT EXISTS (SELECT 1 FROM vote_voters v WHERE v.society_id = b.society_id AND v.vote_id = b.vote_id AND v.voter_id = b.voter_id))`,
    ],
  ];
  const problems: string[] = [];
  for (const [what, sql] of checks) {
    const { rows } = await client.query<{ count: string; '?column?': string }>(sql);
    const n = Number(Object.values(rows[0])[0]);
    if (n) problems.push(`${what}: ${n}`);
  }
  return problems;
}

/** The PII key of generated data: derived from the seed, so the data and a server reading it agree. */
export function cityPiiKey(seed: number): string {
  return createHash('sha256').update(`huzhu-bench-city-pii:${seed}`).digest('base64');
}
