/**
 * Configuration from the environment, validated once at start. A bad value stops the start with the
 * variable's name and the reason, before anything listens or touches the database.
 */
import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, validateSync } from 'class-validator';

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
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const known = ['PORT', 'IPR_SQLITE_PATH', 'DATABASE_URL', 'IPR_ADMIN_KEY', 'IPR_DEFINITIONS_DIR', 'LOG_LEVEL'] as const;
  const picked = Object.fromEntries(known.map((name) => [name, env[name]]));
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
