import { Injectable } from '@nestjs/common';
import { Not, In } from 'typeorm';
import { authorize, can } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { UnitOfWork } from '../database/unit-of-work';
import { CaseWriter } from '../evaluations/case-writer';
import { AuditEventEntity } from './audit-event.entity';
import { timeline } from './audit-events.service';
import type { TimelineEntry } from './audit-timeline';
import { ACCESS_ACTIONS, CaseReads } from './case-reads';

/**
 * The decision trail of one case, as a readable timeline, for whoever may read the case: what happened to
 * the case. Access events (reads, replays) are in the same chain; `includeAccess` adds them here, and
 * GET /audit/events?caseId= always shows them. The enterprise side (policy: evaluation.trail-officials)
 * sees no access events and no key id or name but its own: each step keeps its role and department.
 */
@Injectable()
export class CaseTrailService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly cases: CaseWriter,
    private readonly reads: CaseReads,
  ) {}

  async trail(actor: Principal, caseId: string, includeAccess = false): Promise<TimelineEntry[]> {
    const { entries, scope } = await this.uow.read(async (m) => {
      const loaded = await this.cases.load(m, caseId);
      const scope = this.cases.scopeOf(loaded);
      authorize(actor, 'evaluation.read', { kind: 'case', case: scope });
      const officials = can(actor, 'evaluation.trail-officials', { kind: 'case', case: scope });
      if (includeAccess) authorize(actor, 'evaluation.trail-officials', { kind: 'case', case: scope });
      const where = includeAccess ? { caseId } : { caseId, action: Not(In(ACCESS_ACTIONS)) };
      const rows = await m.find(AuditEventEntity, { where, order: { seq: 'ASC' } });
      const entries = await timeline(m, rows);
      return { entries: officials ? entries : entries.map((e) => withoutOfficials(e, actor)), scope };
    });
    await this.reads.record(actor, caseId, scope, 'trail');
    return entries;
  }
}

/** The step as the enterprise side sees it: who acted by role and department, named only when it was itself. */
function withoutOfficials(entry: TimelineEntry, reader: Principal): TimelineEntry {
  if (entry.actor.id === reader.keyId) return entry;
  return { ...entry, actor: { ...entry.actor, id: null, name: null } };
}
