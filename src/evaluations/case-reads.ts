import { Injectable } from '@nestjs/common';
import type { CaseScope } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { UnitOfWork } from '../database/unit-of-work';
import { AuditTrail } from '../audit/audit-trail';

/** Events that record who looked at a case (not what happened to it). */
export const ACCESS_ACTIONS = ['evaluation.read', 'evaluation.replayed'];

/** Which view of a case was read: the case itself, its trail, its export, its replay. */
export type CaseReadView = 'case' | 'trail' | 'export';

/**
 * Whether reading a case leaves a trace in the trail: reads by an auditor, and by a department that is
 * neither the case's submitting nor its competent department (a countersigning bureau, the expert panel,
 * legal counsel). The applicant side (the enterprise, the officers of its departments) reads its own case
 * without a record, as does the competent department's own reviewer.
 */
export function isRecordedRead(p: Principal, c: CaseScope): boolean {
  if (p.role === 'auditor') return true;
  if (p.role === 'enterprise' || p.department === null) return false;
  return p.department !== c.submitterDepartment && p.department !== c.competentDepartment;
}

/** Records reads of a case, each in its own write unit of work, before the caller answers with the data. */
@Injectable()
export class CaseReads {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Call outside any unit of work (it opens its own), after the read was authorized. */
  async record(actor: Principal, caseId: string, scope: CaseScope, view: CaseReadView): Promise<void> {
    if (!isRecordedRead(actor, scope)) return;
    await this.uow.write((m) =>
      this.audit.append(m, actor, this.clock.now(), [
        { action: 'evaluation.read', entityType: 'evaluation', entityId: caseId, caseId, payload: { view } },
      ]),
    );
  }
}
