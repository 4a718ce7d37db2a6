import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { withProblemResponses } from './common/api-operation.decorator';
import { requireJsonBody } from './common/require-json-body.middleware';
import { DefinitionsService } from './definitions/definitions.service';
import { addFactsContracts } from './definitions/openapi-facts';

export const API_PREFIX = 'api/v1';

/**
 * What main.ts and the e2e tests both apply to the app, so the tests exercise the service as deployed:
 * the API prefix, the body size limit, security headers and the OpenAPI document.
 */
export function configureApp(app: NestExpressApplication): void {
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix(API_PREFIX);
  app.useBodyParser('json', { limit: '256kb', type: ['application/json', 'application/merge-patch+json'] });
  // A report to verify comes as the PDF itself; its body is read as bytes on that path only.
  app.useBodyParser('raw', { type: 'application/pdf', limit: '20mb' });
  app.use(requireJsonBody);
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
  addFactsContracts(document, app.get(DefinitionsService).all());
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
