import { Injectable } from '@nestjs/common';
import { authorize } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { UnitOfWork } from '../database/unit-of-work';
import { CaseWriter } from '../evaluations/case-writer';
import { AuditEventEntity } from './audit-event.entity';
import { AuditEventView, toAuditEventView } from './audit-event.view';

/** The decision trail of one case, for whoever may read the case. */
@Injectable()
export class CaseTrailService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly cases: CaseWriter,
  ) {}

  async trail(actor: Principal, caseId: string): Promise<AuditEventView[]> {
    const rows = await this.uow.read(async (m) => {
      const loaded = await this.cases.load(m, caseId);
      authorize(actor, 'evaluation.read', { kind: 'case', case: this.cases.scopeOf(loaded) });
      return m.find(AuditEventEntity, { where: { caseId }, order: { seq: 'ASC' } });
    });
    return rows.map(toAuditEventView);
  }
}
