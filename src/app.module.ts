import { DynamicModule, Module, RequestMethod, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AssessmentsController } from './assessments/assessments.controller';
import { AssessmentsService } from './assessments/assessments.service';
import { AuditTrail } from './audit/audit-trail';
import { CaseTrailController } from './audit/case-trail.controller';
import { CaseTrailService } from './audit/case-trail.service';
import { AdminBootstrap } from './auth/admin-bootstrap';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeysService } from './auth/api-keys.service';
import { KeysController } from './auth/keys.controller';
import { Clock } from './common/clock';
import { DomainError } from './common/domain-error';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { flattenValidationErrors } from './common/validation-errors';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source-options';
import { UnitOfWork } from './database/unit-of-work';
import { DefinitionsController } from './definitions/definitions.controller';
import { DEFINITION_CATALOGUE, DefinitionsService } from './definitions/definitions.service';
import { loadDefinitions } from './definitions/load-definitions';
import { CaseWriter } from './evaluations/case-writer';
import { EvaluationsController } from './evaluations/evaluations.controller';
import { EvaluationsService } from './evaluations/evaluations.service';
import { HealthController } from './health/health.controller';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';

/** Every request body and query is validated against its DTO; unknown fields are refused, not dropped. */
const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) =>
    new DomainError('request.invalid', 'The request is not valid', { errors: flattenValidationErrors(errors, '') }),
});

@Module({})
export class AppModule {
  /** The definitions load first: a broken file stops the start before the database is touched. */
  static register(config: AppConfig, clock: Clock = new Clock()): DynamicModule {
    const catalogue = loadDefinitions(config.IPR_DEFINITIONS_DIR);
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.LOG_LEVEL,
            // Keys are secrets: the Authorization header never reaches a log line.
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
          },
        }),
        TypeOrmModule.forRoot(dataSourceOptions(config)),
        TerminusModule,
      ],
      controllers: [
        KeysController,
        DefinitionsController,
        AssessmentsController,
        EvaluationsController,
        TasksController,
        CaseTrailController,
        HealthController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock },
        { provide: DEFINITION_CATALOGUE, useValue: catalogue },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useValue: validationPipe },
        UnitOfWork,
        AuditTrail,
        DefinitionsService,
        ApiKeysService,
        AdminBootstrap,
        CaseWriter,
        AssessmentsService,
        EvaluationsService,
        TasksService,
        CaseTrailService,
      ],
    };
  }
}
