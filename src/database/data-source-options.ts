import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { sqlite3Driver } from './sqlite-driver';
import { InitialSchema1764060000000 } from './migrations/1764060000000-initial-schema';
import { AuditCheckpoints1764100000000 } from './migrations/1764100000000-audit-checkpoints';
import { TaskDeadlines1764200000000 } from './migrations/1764200000000-task-deadlines';
import { Reports1764300000000 } from './migrations/1764300000000-reports';
import { TaskCompletedByName1764400000000 } from './migrations/1764400000000-task-completed-by-name';
import { SignedAuditHeads1764400000010 } from './migrations/1764400000010-signed-audit-heads';
import { RateLimitWindows1764400000011 } from './migrations/1764400000011-rate-limit-windows';
import { ConsoleSessions1764500000000 } from './migrations/1764500000000-console-sessions';
import { PublicationConsent1764600000400 } from './migrations/1764600000400-publication-consent';
import { ReportDeadlines1764700000000 } from './migrations/1764700000000-report-deadlines';
import { DecisionInRoundsOnly1764800000000 } from './migrations/1764800000000-decision-in-rounds-only';

export const MIGRATIONS = [
  InitialSchema1764060000000,
  AuditCheckpoints1764100000000,
  TaskDeadlines1764200000000,
  Reports1764300000000,
  TaskCompletedByName1764400000000,
  SignedAuditHeads1764400000010,
  RateLimitWindows1764400000011,
  ConsoleSessions1764500000000,
  PublicationConsent1764600000400,
  ReportDeadlines1764700000000,
  DecisionInRoundsOnly1764800000000,
];

/**
 * PostgreSQL when DATABASE_URL is set, otherwise the embedded SQLite file (created with its folder on
 * first start, WAL mode so readers do not block the writer). Migrations run at start; the schema is never
 * synchronised from the entities.
 */
export function dataSourceOptions(
  config: Pick<AppConfig, 'DATABASE_URL' | 'IPR_SQLITE_PATH'>,
): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    synchronize: false,
    logging: false,
  };
  if (config.DATABASE_URL) {
    return { ...common, type: 'postgres', url: config.DATABASE_URL, extra: { max: 10 } };
  }
  if (config.IPR_SQLITE_PATH !== ':memory:') {
    mkdirSync(dirname(config.IPR_SQLITE_PATH), { recursive: true });
    // Created here, readable by the service's user only, before SQLite would create it world-readable
    // (SQLite gives the -wal and -shm files the database file's mode). An existing file is left as it is.
    closeSync(openSync(config.IPR_SQLITE_PATH, 'a', 0o600));
  }
  // The sqlite3 package with its long stack traces off and its statements kept prepared (sqlite-driver.ts).
  return {
    ...common,
    type: 'sqlite',
    database: config.IPR_SQLITE_PATH,
    enableWAL: true,
    busyTimeout: 5000,
    driver: sqlite3Driver,
  };
}
