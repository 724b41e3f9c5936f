import { existsSync } from 'node:fs';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  validateSync,
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
   * Trust X-Forwarded-For (client addresses for rate limits) — only behind a load balancer that sets
   * it; otherwise a client could pick its own address.
   */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  TRUST_PROXY = false;

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
        'PUBLIC_BASE_URL',
        'ADMIN_PASSWORD',
        'PDF_FALLBACK_FONT',
        'LOG_FORMAT',
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
  if (env.PDF_FALLBACK_FONT && !existsSync(env.PDF_FALLBACK_FONT)) {
    problems.push(`PDF_FALLBACK_FONT points to a file that does not exist: ${env.PDF_FALLBACK_FONT}`);
  }
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return config;
}
