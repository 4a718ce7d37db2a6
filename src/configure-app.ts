import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { withProblemResponses } from './common/api-operation.decorator';
import { RequestMethod } from '@nestjs/common';
import { requireJsonBody } from './common/require-json-body.middleware';
import { DefinitionsService } from './definitions/definitions.service';
import { addFactsContracts } from './definitions/openapi-facts';
import { CONSOLE_ROOTS } from './console/console-controllers';
import { APP_CONFIG, type AppConfig } from './config/app-config';

export const API_PREFIX = 'api/v1';

/**
 * What main.ts and the e2e tests both apply to the app, so the tests exercise the service as deployed:
 * the API prefix, the body size limit, security headers and the OpenAPI document.
 */
export function configureApp(app: NestExpressApplication): void {
  app.useLogger(app.get(Logger));
  // The console's pages live at the root, beside the API under /api/v1 (no API path starts with these words).
  app.setGlobalPrefix(API_PREFIX, {
    exclude: CONSOLE_ROOTS.flatMap((root): { path: string; method: RequestMethod }[] =>
      root === ''
        ? [{ path: '/', method: RequestMethod.GET }]
        : [
            { path: root, method: RequestMethod.ALL },
            { path: `${root}/{*rest}`, method: RequestMethod.ALL },
          ],
    ),
  });
  // Behind a TLS proxy, X-Forwarded-Proto tells whether the person came over HTTPS (Secure cookies).
  if (app.get<AppConfig>(APP_CONFIG).IPR_TRUST_PROXY) app.set('trust proxy', 1);
  // Express hashes every answer's body for a weak ETag; nothing here offers conditional requests (answers
  // carry who may see what, and the console's pages a fresh form token), so that was a SHA-1 per answer,
  // of a 26 kB case view for most commands, for nothing.
  app.set('etag', false);
  app.useBodyParser('json', { limit: '256kb', type: ['application/json', 'application/merge-patch+json'] });
  // A report to verify comes as the PDF itself; its body is read as bytes on that path only.
  app.useBodyParser('raw', { type: 'application/pdf', limit: '20mb' });
  // Console forms post urlencoded; the API itself still takes JSON bodies only (and that one PDF).
  app.useBodyParser('urlencoded', { limit: '256kb', extended: false, parameterLimit: 2000 });
  app.use(`/${API_PREFIX}`, requireJsonBody);
  app.use(helmet());
  app.enableShutdownHooks();
  const document = withProblemResponses(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('IP Review Engine 知识产权审查评议引擎')
        .setDescription(
          'IP review and evaluation of major economic activities: instant risk assessments, evaluation cases moving between departments, department inboxes and the decision trail.',
        )
        .setVersion('1')
        // 3.1 schemas are JSON Schema 2020-12, the dialect the facts contracts are written in.
        .setOpenAPIVersion('3.1.0')
        // The paths carry /api/v1; a deployment serves them from its own host.
        .addServer('http://localhost:3000', 'A service started with the defaults (PORT 3000)')
        // Opaque keys issued by POST /keys ("ipr_" and 43 base64url characters), not JWTs.
        .addBearerAuth({
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'API key',
          description: 'A key issued by POST /api/v1/keys',
        })
        .build(),
    ),
  );
  const definitions = app.get(DefinitionsService);
  addFactsContracts(document, definitions.all(), definitions.applicantSchema());
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
