import { Injectable } from '@nestjs/common';
import { Not, In } from 'typeorm';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { timeline } from '../audit/audit-events.service';
import { AuditExportService, type NdjsonExport } from '../audit/audit-export.service';
import type { TimelineEntry } from '../audit/audit-timeline';
import { authorize, can } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { UnitOfWork } from '../database/unit-of-work';
import { ACCESS_ACTIONS, CaseReads } from './case-reads';
import { CaseRepository } from './case.repository';

/**
 * The decision trail of one case, as a readable timeline, for whoever may read the case: what happened to
 * the case. Access events (reads, replays) are in the same chain; `includeAccess` adds them here, and
 * GET /audit/events?caseId= always shows them. The enterprise side (policy: evaluation.officials)
 * sees no access events and no key id or name but its own: each step keeps its role and department.
 * Also the case's events as an NDJSON export for auditors.
 */
@Injectable()
export class CaseTrailService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly reads: CaseReads,
    private readonly exports: AuditExportService,
  ) {}

  async trail(actor: Principal, caseId: string, includeAccess = false): Promise<TimelineEntry[]> {
    const { entries, scope } = await this.uow.read(async (m) => {
      const scope = await this.cases.scope(m, caseId);
      authorize(actor, 'evaluation.read', { kind: 'case', case: scope });
      const officials = can(actor, 'evaluation.officials', { kind: 'case', case: scope });
      if (includeAccess) authorize(actor, 'evaluation.officials', { kind: 'case', case: scope });
      const where = includeAccess ? { caseId } : { caseId, action: Not(In(ACCESS_ACTIONS)) };
      const rows = await m.find(AuditEventEntity, { where, order: { seq: 'ASC' } });
      const entries = await timeline(m, rows);
      return { entries: officials ? entries : entries.map((e) => withoutOfficials(e, actor)), scope };
    });
    await this.reads.record(actor, caseId, scope, 'trail');
    return entries;
  }

  /** Every event of one existing case; the export is recorded in the trail before the first byte goes out. */
  async export(actor: Principal, caseId: string): Promise<NdjsonExport> {
    authorize(actor, 'audit.read'); // before the case is looked up: a 403, not whether the case exists
    const scope = await this.uow.read((m) => this.cases.scope(m, caseId), { singleStatement: true });
    const file = await this.exports.exportCase(actor, caseId);
    await this.reads.record(actor, caseId, scope, 'export');
    return file;
  }
}

/** The step as the enterprise side sees it: who acted by role and department, named only when it was itself. */
function withoutOfficials(entry: TimelineEntry, reader: Principal): TimelineEntry {
  if (entry.actor.id === reader.keyId) return entry;
  return { ...entry, actor: { ...entry.actor, id: null, name: null } };
}
