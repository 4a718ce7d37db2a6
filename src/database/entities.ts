import { AssessmentEntity } from '../assessments/assessment.entity';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { AuditHeadEntity } from '../audit/audit-head.entity';
import { ApiKeyEntity } from '../auth/api-key.entity';
import { DefinitionVersionEntity } from '../definitions/definition-version.entity';
import { EvaluationDecisionEntity } from '../evaluations/evaluation-decision.entity';
import { EvaluationEntity } from '../evaluations/evaluation.entity';
import { NotificationEntity } from '../notifications/notification.entity';
import { IssuedReportEntity } from '../reports/issued-report.entity';
import { KeyFieldReportEntity } from '../reports/key-field-report.entity';
import { TaskEntity } from '../tasks/task.entity';

/** Every entity, in one list the data source and the test helpers share. */
export const ENTITIES = [
  ApiKeyEntity,
  AssessmentEntity,
  AuditEventEntity,
  AuditHeadEntity,
  DefinitionVersionEntity,
  EvaluationDecisionEntity,
  EvaluationEntity,
  IssuedReportEntity,
  KeyFieldReportEntity,
  NotificationEntity,
  TaskEntity,
];
