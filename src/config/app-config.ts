/**
 * Configuration from the environment, validated once at start. A bad value stops the start with the
 * variable's name and the reason, before anything listens or touches the database.
 */
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

export class AppConfig {
  @Transform(({ value }) => (value === undefined || value === '' ? 3000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number;

  @Transform(({ value }) => (value === undefined || value === '' ? 'data/ip-review.sqlite' : value))
  @IsString()
  @MinLength(1)
  IPR_SQLITE_PATH: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** The admin key set on the first start; at least 32 characters so it cannot be guessed. */
  @IsOptional()
  @IsString()
  @MinLength(32)
  @MaxLength(256)
  IPR_ADMIN_KEY?: string;

  /** Where workflows/ and rules/ live; the repository root by default. */
  @Transform(({ value }) => (value === undefined || value === '' ? process.cwd() : value))
  @IsString()
  IPR_DEFINITIONS_DIR: string;

  @Transform(({ value }) => (value === undefined || value === '' ? 'info' : value))
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string;

  /**
   * The Ed25519 private key (PKCS#8 PEM) that signs the audit chain head at every commit; generated there
   * when the file does not exist. Required with PostgreSQL (one file for every instance); on SQLite the
   * default is `<database>.audit-signing-key` (src/audit/head-signing-key.ts).
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  IPR_AUDIT_SIGNING_KEY_FILE?: string;

  /** Public keys of earlier signing keys (base64, comma-separated): still trusted for the heads they signed. */
  @IsOptional()
  @IsString()
  IPR_AUDIT_RETIRED_PUBLIC_KEYS?: string;

  /**
   * Where the latest signed head is written after each commit, outside the database (default: beside the
   * signing key, `<key file>.witness.json`); verification requires the chain to still contain it.
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  IPR_AUDIT_WITNESS_FILE?: string;

  /**
   * How often the deadline scheduler looks for reminders and escalations that fell due; 0 turns the timer
   * off (tests drive DeadlineScheduler.runDue by hand). Several instances may all run it: claims are atomic.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? 60 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(86400)
  IPR_SCHEDULER_SECONDS: number;

  /** Requests per minute per API key (per IP address without a key), across all routes; over it, 429. */
  @Transform(({ value }) => (value === undefined || value === '' ? 6000 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  IPR_RATE_LIMIT_PER_MINUTE: number;

  /**
   * SQLite only: how many read-only connections serve reads (key lookups, GET requests) beside the one
   * read-write connection, so reads do not wait for writes. 0 runs reads on the writer's connection, one
   * at a time with the writes. Ignored for ':memory:', which cannot be opened twice.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? 2 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(16)
  IPR_SQLITE_READERS: number;

  /**
   * How far V8 lets the heap grow past what survived the last full garbage collection before it collects
   * again, in percent (V8's --heap-growing-percent; main.ts sets it at start). Not a cap: the heap still
   * grows as far as the work needs. V8's own choice (0 here) is up to 4 times the live heap, which under a
   * burst of submissions let the service's memory reach ~280 MB for ~50 MB of live objects. 50, with the
   * young generation `npm start` gives (--max-semi-space-size=4), keeps the peak under 200 MiB under the
   * benchmark's load with the decision thread's own heap beside the main one (README, Performance).
   */
  @Transform(({ value }) => (value === undefined || value === '' ? 50 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(1000)
  IPR_HEAP_GROWING_PERCENT: number;

  /** Console sessions end after this many minutes without a request (the person signs in again). */
  @Transform(({ value }) => (value === undefined || value === '' ? 30 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(1440)
  IPR_SESSION_IDLE_MINUTES: number;

  /**
   * Behind a TLS-terminating proxy: trust its X-Forwarded-Proto (Express "trust proxy"), so session cookies
   * are marked Secure when the person came over HTTPS. Off by default: a client could claim HTTPS itself.
   */
  @Transform(({ value }) => value === 'true' || value === '1')
  @IsBoolean()
  IPR_TRUST_PROXY: boolean;
}

export class ConfigError extends Error {}

/** The variables AppConfig reads; the rest of the environment is none of its business. */
const CONFIG_VARIABLES = [
  'PORT',
  'IPR_SQLITE_PATH',
  'DATABASE_URL',
  'IPR_ADMIN_KEY',
  'IPR_DEFINITIONS_DIR',
  'LOG_LEVEL',
  'IPR_AUDIT_SIGNING_KEY_FILE',
  'IPR_AUDIT_RETIRED_PUBLIC_KEYS',
  'IPR_AUDIT_WITNESS_FILE',
  'IPR_SCHEDULER_SECONDS',
  'IPR_RATE_LIMIT_PER_MINUTE',
  'IPR_SQLITE_READERS',
  'IPR_HEAP_GROWING_PERCENT',
  'IPR_SESSION_IDLE_MINUTES',
  'IPR_TRUST_PROXY',
] as const satisfies readonly (keyof AppConfig)[];

export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const picked = Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, env[name]]));
  const config = plainToInstance(AppConfig, picked);
  const errors = validateSync(config, { whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}

/** Injection token of the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
