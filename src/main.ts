// First: it sizes libuv's thread pool, which must happen before anything uses the pool.
import './threadpool-size';
import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/app-config';
import { API_PREFIX, configureApp } from './configure-app';
import { Logger } from 'nestjs-pino';
import { withStartupLock } from './database/startup-lock';
import { DefinitionError } from './definitions/definition-error';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // A growth factor for the heap, not a limit (IPR_HEAP_GROWING_PERCENT in app-config.ts); V8 reads it at
  // each full collection, so setting it now takes effect.
  if (config.IPR_HEAP_GROWING_PERCENT > 0)
    setFlagsFromString(`--heap-growing-percent=${config.IPR_HEAP_GROWING_PERCENT}`);
  const appModule = AppModule.register(config); // definitions load (and may fail) before the database is touched
  // Several instances starting together migrate and bootstrap one at a time (PostgreSQL advisory lock).
  const app = await withStartupLock(config.DATABASE_URL, async () => {
    const created = await NestFactory.create<NestExpressApplication>(appModule, {
      bodyParser: false,
      bufferLogs: true,
    });
    configureApp(created);
    await created.init(); // migrations ran during create; the bootstrap hooks (definition versions, admin key) run here
    return created;
  });
  await app.listen(config.PORT);
  // Where to go next, for whoever started it: the address really bound (PORT=0 picks one).
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const base = `http://localhost:${port}`;
  app
    .get(Logger)
    .log(
      `Listening on ${base} (all interfaces, port ${port}): API ${base}/${API_PREFIX}, console ${base}/, docs ${base}/docs (OpenAPI JSON ${base}/docs-json)`,
      'Start',
    );
}

main().catch((error: unknown) => {
  // Configuration and definition errors are the operator's to fix: say what is wrong, without a stack.
  if (error instanceof ConfigError || error instanceof DefinitionError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
