import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AssessmentsController } from './assessments/assessments.controller';
import { AssessmentsService } from './assessments/assessments.service';
import { AuditController } from './audit/audit.controller';
import { AuditEventsService } from './audit/audit-events.service';
import { AuditExportService } from './audit/audit-export.service';
import { AuditWitness } from './audit/audit-witness';
import { HEAD_SIGNING_KEY, resolveHeadSigningKey } from './audit/head-signing-key';
import { AuditTrail } from './audit/audit-trail';
import { AuditVerificationService } from './audit/audit-verification.service';
import { CaseReads } from './evaluations/case-reads';
import { CaseReplayService } from './evaluations/case-replay.service';
import { CaseTrailController } from './evaluations/case-trail.controller';
import { CaseTrailService } from './evaluations/case-trail.service';
import { AdminBootstrap } from './auth/admin-bootstrap';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeysService } from './auth/api-keys.service';
import { ConsoleSessionsService } from './auth/console-sessions.service';
import { KeysController } from './auth/keys.controller';
import { KnownKeys } from './auth/known-keys';
import { RateLimitGuard } from './auth/rate-limit.guard';
import { RateLimitStore } from './auth/rate-limit-store';
import { Clock } from './common/clock';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { requestValidationPipe } from './common/request-validation.pipe';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source-options';
import { UnitOfWork } from './database/unit-of-work';
import { CONSOLE_CONTROLLERS } from './console/console-controllers';
import { ConsoleLabels } from './console/console-labels';
import { ConsoleSessionGuard } from './console/console-session.guard';
import { DefinitionsController } from './definitions/definitions.controller';
import { AwaitedReportNotices } from './deadlines/awaited-report-notices';
import { DeadlineScheduler } from './deadlines/deadline-scheduler';
import { TaskDeadlines } from './deadlines/task-deadlines.service';
import { DEFINITION_CATALOGUE, DefinitionsService } from './definitions/definitions.service';
import { loadDefinitions } from './definitions/load-definitions';
import { CaseStatisticsService } from './evaluations/case-statistics.service';
import { CaseRepository } from './evaluations/case.repository';
import { EvaluationsController } from './evaluations/evaluations.controller';
import { DecisionThread } from './decision-thread/decision-thread';
import { EvaluationsService } from './evaluations/evaluations.service';
import { HealthController } from './health/health.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsService } from './notifications/notifications.service';
import { KeyFieldReportsController } from './reports/key-field-reports.controller';
import { KeyFieldReportsService } from './reports/key-field-reports.service';
import { PublicReportsController } from './reports/public-reports.controller';
import { PublicReportsService } from './reports/public-reports.service';
import { ReportIssuer } from './reports/report-issuer';
import { ReportRenderer } from './reports/report-renderer';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';

@Module({})
export class AppModule {
  /** The definitions load first: a broken file stops the start before the database is touched. */
  static register(config: AppConfig, clock: Clock = new Clock()): DynamicModule {
    const catalogue = loadDefinitions(config.IPR_DEFINITIONS_DIR);
    // Before the database too: PostgreSQL without IPR_AUDIT_SIGNING_KEY_FILE is refused here.
    const signingKey = resolveHeadSigningKey(config);
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
        NotificationsController,
        CaseTrailController,
        AuditController,
        ReportsController,
        KeyFieldReportsController,
        PublicReportsController,
        HealthController,
        ...CONSOLE_CONTROLLERS,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock },
        { provide: DEFINITION_CATALOGUE, useValue: catalogue },
        // Global guards run in this order: the rate limit first, so requests with a wrong key count too.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useValue: requestValidationPipe },
        KnownKeys,
        RateLimitStore,
        UnitOfWork,
        AuditTrail,
        { provide: HEAD_SIGNING_KEY, useValue: signingKey },
        AuditWitness,
        CaseReads,
        AuditVerificationService,
        AuditExportService,
        AuditEventsService,
        CaseReplayService,
        DefinitionsService,
        ApiKeysService,
        AdminBootstrap,
        TaskDeadlines,
        CaseRepository,
        DeadlineScheduler,
        AwaitedReportNotices,
        NotificationsService,
        DecisionThread,
        AssessmentsService,
        EvaluationsService,
        TasksService,
        CaseTrailService,
        ReportRenderer,
        ReportIssuer,
        ReportsService,
        KeyFieldReportsService,
        PublicReportsService,
        CaseStatisticsService,
        ConsoleSessionsService,
        ConsoleSessionGuard,
        ConsoleLabels,
      ],
    };
  }
}
