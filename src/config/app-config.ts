import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidateBy,
} from 'class-validator';

/** The service's whole configuration, validated once at start (API.md "Operations"). */
export class AppConfig {
  @Transform(({ value }) => (value === undefined || value === '' ? 3000 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  DATABASE_URL!: string;

  @IsString()
  DATA_DIR = './data';

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET!: string;

  /** 32 bytes, base64. */
  @IsString()
  PII_KEY!: string;

  /** The key being rotated away from (SECURITY.md): still read, never written; 32 bytes, base64. */
  @IsOptional()
  @IsString()
  PII_KEY_PREVIOUS?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_BASE_URL?: string;

  @IsString()
  ADMIN_USERNAME = 'admin';

  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'ADMIN_PASSWORD must be at least 10 characters' })
  ADMIN_PASSWORD?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** `json` or `pretty`; unset: pretty when stdout is a terminal (logging.ts). */
  @IsOptional()
  @IsIn(['json', 'pretty'], { message: 'LOG_FORMAT must be json or pretty' })
  LOG_FORMAT?: 'json' | 'pretty';

  @IsOptional()
  @IsString()
  PDF_FALLBACK_FONT?: string;

  /** Seconds an access token lives. */
  @Transform(({ value }) => (value === undefined || value === '' ? 3600 : Number(value)))
  @IsInt()
  @Min(60)
  JWT_TTL_SECONDS = 3600;

  /**
   * Which proxies may set X-Forwarded-For (the client address of per-client login limits): `false`
   * (none), a hop count (that many proxies in front, each appending the address it saw) or the
   * proxies' addresses/CIDRs. Trusting every sender would let a client pick its own address.
   */
  @Transform(({ value }) => parseTrustProxy(value))
  @ValidateBy({
    name: 'trustProxy',
    validator: {
      validate: (value) => value === false || typeof value === 'number' || Array.isArray(value),
      defaultMessage: () => TRUST_PROXY_HELP,
    },
  })
  TRUST_PROXY: TrustProxy = false;

  /**
   * Objections one client address may send in 10 minutes (public POSTs, JSON and the residents' form
   * together). Generous by default: a whole village may share one carrier-grade NAT address.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? 20 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(10000)
  OBJECTION_RATE_LIMIT = 20;

  /**
   * Warnings one monitoring platform's intake key may send a minute (POST /intake/warnings). A
   * platform sends in bursts after its nightly run (池州: 15,000 warnings), so generous.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? 600 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100000)
  INTAKE_RATE_LIMIT = 600;

  /**
   * `on`: this instance runs the scheduled jobs (vote deadlines…), each under a cluster-wide lock, so
   * every instance may. The test app sets `off` unless a test turns it on; commands never run jobs.
   */
  @IsIn(['on', 'off'], { message: 'SCHEDULER must be on or off' })
  SCHEDULER: 'on' | 'off' = 'on';

  /**
   * The demo society on a first start (src/demo/): `1` seeds it on a database without societies, with
   * DATABASE_URL too; `0` never; unset: in embedded mode only.
   */
  @IsOptional()
  @IsIn(['0', '1'], { message: 'DEMO must be 0 or 1' })
  DEMO?: '0' | '1';

  /**
   * `true`: webhooks may point into private networks (a receiver on the same network). Off, a URL
   * whose host resolves to a loopback, private, link-local… address is refused (API.md "Notifications").
   */
  @Transform(({ value }) =>
    value === undefined || value === '' || value === 'false' ? false : value === 'true' ? true : value,
  )
  @IsIn([true, false], { message: 'WEBHOOK_ALLOW_PRIVATE_NETWORKS must be true or false' })
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: boolean = false;

  /** True when the service started its own embedded PostgreSQL. */
  embedded = false;

  get publicBaseUrl(): string {
    return (this.PUBLIC_BASE_URL ?? `http://localhost:${this.PORT}`).replace(/\/+$/, '');
  }
}

export class ConfigError extends Error {}

/**
 * Validates the environment. Throws ConfigError with one line per problem, so a bad start says
 * exactly what to set.
 */
export function loadConfig(env: Record<string, string | undefined>, embedded = false): AppConfig {
  const problems: string[] = [];
  if (!env.DATABASE_URL) problems.push('DATABASE_URL is required');
  if (!env.JWT_SECRET)
    problems.push('JWT_SECRET is required when DATABASE_URL is set (at least 32 characters)');
  if (!env.PII_KEY) problems.push('PII_KEY is required when DATABASE_URL is set (32 random bytes, base64)');
  const known = Object.fromEntries(
    Object.keys(new AppConfig())
      .concat([
        'DATABASE_URL',
        'JWT_SECRET',
        'PII_KEY',
        'PII_KEY_PREVIOUS',
        'PUBLIC_BASE_URL',
        'ADMIN_PASSWORD',
        'PDF_FALLBACK_FONT',
        'LOG_FORMAT',
        'DEMO',
      ])
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, env[k]]),
  );
  const config = plainToInstance(AppConfig, known);
  config.embedded = embedded;
  for (const error of validateSync(config, { skipMissingProperties: false })) {
    if (['DATABASE_URL', 'JWT_SECRET', 'PII_KEY'].includes(error.property) && !known[error.property])
      continue;
    problems.push(...Object.values(error.constraints ?? {}));
  }
  if (env.PII_KEY && Buffer.from(env.PII_KEY, 'base64').length !== 32) {
    problems.push('PII_KEY must be 32 bytes encoded in base64 (e.g. `openssl rand -base64 32`)');
  }
  if (env.PII_KEY_PREVIOUS && Buffer.from(env.PII_KEY_PREVIOUS, 'base64').length !== 32) {
    problems.push('PII_KEY_PREVIOUS must be 32 bytes encoded in base64, like PII_KEY');
  }
  if (env.PII_KEY_PREVIOUS && env.PII_KEY_PREVIOUS === env.PII_KEY) {
    problems.push('PII_KEY_PREVIOUS is the same as PII_KEY: set PII_KEY to the new key');
  }
  if (env.PDF_FALLBACK_FONT && !existsSync(env.PDF_FALLBACK_FONT)) {
    problems.push(`PDF_FALLBACK_FONT points to a file that does not exist: ${env.PDF_FALLBACK_FONT}`);
  }
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return config;
}

/** `false`, a hop count, or trusted proxy addresses/CIDRs (and proxy-addr's `loopback`, `linklocal`, `uniquelocal`). */
export type TrustProxy = false | number | string[];

const TRUST_PROXY_HELP =
  'TRUST_PROXY must be false, a hop count (1, 2, …) or a comma-separated list of proxy addresses/CIDRs ' +
  '(e.g. 10.0.0.0/8,loopback); `true` (trust every sender) is refused because any client could then choose its address';

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** The TRUST_PROXY text as a TrustProxy, or the text itself when it is none (the validator reports it). */
export function parseTrustProxy(value: unknown): unknown {
  if (value === undefined || value === false) return false;
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '' || text === 'false' || text === '0') return false;
  if (/^[1-9][0-9]?$/.test(text)) return Number(text);
  const entries = text.split(',').map((e) => e.trim());
  return entries.every(isProxyAddress) ? entries : value;
}

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^[0-9]{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}
