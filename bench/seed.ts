// Bench data, written through the API as a society would (audited, numbered), users by SQL.
import { JwtService } from '@nestjs/jwt';
import { Client } from 'pg';
import type { DonationTarget } from './load';

export interface Seeded {
  /** Society 0 holds `listRows` donations; its secretary reads the list. */
  reader: { sid: string; token: string };
  /** Per society: its treasurer and a donor. */
  targets: DonationTarget[];
  receivedAt: string;
  donations: number;
}

export class Api {
  constructor(
    readonly base: string,
    private readonly jwt: JwtService,
  ) {}

  token(id: string, username: string): string {
    return this.jwt.sign({ sub: id, username, ver: 0 });
  }

  async call<T>(method: string, path: string, token: string, body?: unknown, key?: string): Promise<T> {
    const res = await fetch(`${this.base}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }
}

async function newUser(db: Client, api: Api, username: string): Promise<{ id: string; token: string }> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (username, display_name, password_hash) VALUES ($1, $1, '!bench: no login') RETURNING id`,
    [username],
  );
  return { id: rows[0].id, token: api.token(rows[0].id, username) };
}

export async function seed(db: Client, api: Api, societies: number, listRows: number): Promise<Seeded> {
  const [admin] = (await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'admin'`)).rows;
  const adminToken = api.token(admin.id, 'admin');
  const receivedAt = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const targets: DonationTarget[] = [];
  let reader: Seeded['reader'] | undefined;
  for (let i = 0; i < societies; i++) {
    const { id: sid } = await api.call<{ id: string }>('POST', '/societies', adminToken, {
      name: `压测互助社${i}`,
      regionCode: '341702001001',
    });
    const treasurer = await newUser(db, api, `bench_treasurer_${i}`);
    await api.call('POST', `/societies/${sid}/members`, adminToken, {
      userId: treasurer.id,
      roles: ['treasurer'],
    });
    const donor = await api.call<{ id: string }>('POST', `/societies/${sid}/donors`, treasurer.token, {
      kind: 'individual',
      name: `捐赠人${i}`,
    });
    targets.push({ sid, token: treasurer.token, donorId: donor.id });
    if (i === 0) {
      const secretary = await newUser(db, api, 'bench_secretary');
      await api.call('POST', `/societies/${sid}/members`, adminToken, {
        userId: secretary.id,
        roles: ['secretary'],
      });
      reader = { sid, token: secretary.token };
    }
  }
  const t = targets[0];
  for (let i = 0; i < listRows; i++) {
    await api.call('POST', `/societies/${t.sid}/donations`, t.token, {
      donorId: t.donorId,
      amountFen: 1000 + i,
      channel: 'bank_transfer',
      receivedAt,
      reference: `seed-${i}`,
    });
  }
  return { reader: reader!, targets, receivedAt, donations: listRows };
}
