import { Client, type ClientConfig } from 'pg';

// libpq's multi-host connection strings for node-postgres, which has none:
// `postgres://u@10.0.0.1:5432,10.0.0.2:5432/huzhu?target_session_attrs=read-write` names an HA pair
// (pg_auto_failover, Patroni…); each new pooled connection goes to the host that accepts writes now,
// so after a failover the pool, dropping the broken connections, reconnects to the new primary by
// itself (DEPLOY.md). A single-host URL is left to pg as it is.

const READ_ONLY_SQL_TRANSACTION = '25006';

export interface HostPort {
  host: string;
  port: number;
}

export interface MultiHostUrl {
  hosts: HostPort[];
  /** The URL with the first host only (user, password, database and options as given). */
  firstHostUrl: string;
  /** `read-write` (or `primary`): only a server not in recovery will do. libpq's default is `any`. */
  readWrite: boolean;
}

/** The hosts of a multi-host URL, or undefined for a URL with one host. */
export function parseMultiHostUrl(url: string): MultiHostUrl | undefined {
  const m = /^(postgres(?:ql)?:\/\/(?:[^@/]*@)?)([^/?#]*)(.*)$/.exec(url);
  if (!m || !m[2].includes(',')) return undefined;
  const hosts = m[2].split(',').map((spec): HostPort => {
    const at = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(spec);
    if (!at) throw new Error(`DATABASE_URL: cannot read the host "${spec}"`);
    return { host: at[1].replace(/^\[|\]$/g, ''), port: at[2] ? Number(at[2]) : 5432 };
  });
  const params = new URL(`postgres://x${m[3]}`).searchParams;
  const attrs = params.get('target_session_attrs') ?? 'any';
  params.delete('target_session_attrs');
  const query = params.toString();
  const path = m[3].replace(/[?#].*$/, '');
  const first = hosts[0].host.includes(':') ? `[${hosts[0].host}]` : hosts[0].host;
  return {
    hosts,
    firstHostUrl: `${m[1]}${first}:${hosts[0].port}${path}${query ? `?${query}` : ''}`,
    readWrite: attrs === 'read-write' || attrs === 'primary',
  };
}

/**
 * A pg Client class (the Pool's `Client` option) that connects to the first of `hosts` that answers
 * and, when `readWrite`, is not a standby. The host that last worked is tried first.
 */
export function multiHostClient(target: MultiHostUrl): typeof Client {
  let preferred = 0;

  class MultiHostClient extends Client {
    constructor(config?: ClientConfig) {
      super(config);
    }

    override connect(): Promise<Client>;
    override connect(callback: (err: Error | null, c?: Client) => void): void;
    override connect(callback?: (err: Error | null, c?: Client) => void): Promise<Client> | void {
      const done = this.connectToWritable();
      if (!callback) return done;
      done.then(
        (c) => callback(null, c),
        (e: Error) => callback(e),
      );
    }

    private async connectToWritable(): Promise<Client> {
      const failures: string[] = [];
      const order = target.hosts.map((_, i) => (preferred + i) % target.hosts.length);
      for (const i of order) {
        const { host, port } = target.hosts[i];
        // A probe per candidate: a pg Client connects once, so the pool's own client connects last.
        const probe = new Client({ ...this.connectionParametersConfig(), host, port });
        try {
          await probe.connect();
          if (target.readWrite) {
            // As libpq's target_session_attrs=read-write: transaction_read_only is on for a standby, and
            // also for a node pg_auto_failover is demoting (default_transaction_read_only) while it still
            // answers as if it were primary.
            const { rows } = await probe.query<{ readOnly: boolean }>(
              "SELECT current_setting('transaction_read_only') = 'on' AS \"readOnly\"",
            );
            if (rows[0].readOnly) throw new Error('read-only (a standby)');
          }
        } catch (e) {
          failures.push(`${host}:${port}: ${(e as Error).message}`);
          continue;
        } finally {
          await probe.end().catch(() => undefined);
        }
        preferred = i;
        const self = this as unknown as { host: string; port: number };
        self.host = host;
        self.port = port;
        await super.connect();
        return this;
      }
      throw new Error(
        `no ${target.readWrite ? 'writable ' : ''}database server among ${failures.join('; ')}`,
      );
    }

    /**
     * A write refused because this server has become a standby (25006, read_only_sql_transaction):
     * the connection is closed, so the pool replaces it with one to the new primary.
     */
    override query(...args: unknown[]): never {
      const result = (super.query as (...a: unknown[]) => unknown)(...args);
      if (target.readWrite && result instanceof Promise) {
        result.catch((e: { code?: string }) => {
          if (e?.code === READ_ONLY_SQL_TRANSACTION) void this.end().catch(() => undefined);
        });
      }
      return result as never;
    }

    private connectionParametersConfig(): ClientConfig {
      const p = (this as unknown as { connectionParameters: ClientConfig }).connectionParameters;
      return {
        user: p.user,
        password: p.password,
        database: p.database,
        ssl: p.ssl,
        connectionTimeoutMillis: p.connectionTimeoutMillis,
        application_name: (p as { application_name?: string }).application_name,
      };
    }
  }
  return MultiHostClient;
}

/**
 * TypeORM's `url` and `extra` for a DATABASE_URL, with one host or several: `extra` is pg Pool's
 * options (`max`, timeouts…), given the multi-host Client when the URL names several hosts.
 */
export function connectionOptions(
  url: string,
  extra: Record<string, unknown>,
): { url: string; extra: Record<string, unknown> } {
  const multi = parseMultiHostUrl(url);
  if (!multi) return { url, extra };
  return { url: multi.firstHostUrl, extra: { ...extra, Client: multiHostClient(multi) } };
}
