import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { Clock } from '../../src/common/clock';
import { loadConfig } from '../../src/config/app-config';
import { configureApp } from '../../src/configure-app';

/** The admin key every test app starts with (IPR_ADMIN_KEY). */
export const TEST_ADMIN_KEY = 'test-admin-key-0123456789abcdefghijklmnop';

/** The key that signs audit checkpoints in tests (IPR_AUDIT_HMAC_KEY; required with PostgreSQL). */
export const TEST_AUDIT_KEY = 'test-audit-hmac-key-0123456789abcdefghijklmnop';

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  database: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

/**
 * Starts the real service on a real database: a fresh SQLite file, or, when TEST_DATABASE_URL is set
 * (CI does), the PostgreSQL database there with its public schema emptied first. Tests run one file at a
 * time (--runInBand), so they never share a schema.
 */
export async function startTestApp(
  options: {
    clock?: Clock;
    resetDatabase?: boolean;
    /** SQLite: this file (kept on close) instead of a fresh one, e.g. to restart on the same database. */
    sqlitePath?: string;
    /** More configuration, e.g. IPR_DEFINITIONS_DIR; overrides the defaults below. */
    env?: Record<string, string>;
  } = {},
): Promise<TestApp> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  let tempDir: string | null = null;
  if (pgUrl && options.resetDatabase !== false) await resetPostgres(pgUrl);
  if (!pgUrl && !options.sqlitePath) tempDir = mkdtempSync(join(tmpdir(), 'ipr-test-'));
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: pgUrl,
    IPR_SQLITE_PATH: pgUrl ? undefined : (options.sqlitePath ?? join(tempDir!, 'test.sqlite')),
    IPR_ADMIN_KEY: TEST_ADMIN_KEY,
    IPR_AUDIT_HMAC_KEY: TEST_AUDIT_KEY,
    IPR_AUDIT_CHECKPOINT_SECONDS: '0', // tests record checkpoints when they want one (AuditCheckpoints.record)
    IPR_SCHEDULER_SECONDS: '0', // tests move their clock and call DeadlineScheduler.runDue themselves
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.register(config, options.clock)],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureApp(app);
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    database: pgUrl ? 'postgres' : 'sqlite',
    async close() {
      await app.close();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}

export async function resetPostgres(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP SCHEMA IF EXISTS public CASCADE');
    await client.query('CREATE SCHEMA public');
  } finally {
    await client.end();
  }
}
