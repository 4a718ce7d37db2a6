import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { authorize } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { ApiKeyEntity } from '../auth/api-key.entity';
import { UnitOfWork } from '../database/unit-of-work';
import { AuditEventEntity } from './audit-event.entity';
import type { AuditEventsQuery } from './audit-events.query';
import { toTimelineEntry, type TimelineEntry } from './audit-timeline';
import type { StoredEvent } from './event-canonical';

export interface TimelinePage {
  items: TimelineEntry[];
  page: number;
  pageSize: number;
  total: number;
}

/** The auditor's view of the chain: a readable timeline, filtered. Reading it is not itself recorded. */
@Injectable()
export class AuditEventsService {
  constructor(private readonly uow: UnitOfWork) {}

  async list(actor: Principal, query: AuditEventsQuery): Promise<TimelinePage> {
    authorize(actor, 'audit.read');
    const { page, pageSize } = query;
    return this.uow.read(async (m) => {
      const q = m.createQueryBuilder(AuditEventEntity, 'e');
      if (query.caseId) q.andWhere('e.case_id = :caseId', { caseId: query.caseId });
      if (query.actorId) q.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
      if (query.department) q.andWhere('e.actor_department = :department', { department: query.department });
      if (query.action) q.andWhere('e.action = :action', { action: query.action });
      // Stored times are toISOString() text (fixed width, UTC), so text order is time order.
      if (query.from) q.andWhere('e.occurred_at >= :from', { from: new Date(query.from).toISOString() });
      if (query.to) q.andWhere('e.occurred_at < :to', { to: new Date(query.to).toISOString() });
      const [rows, total] = await q
        .orderBy('e.seq', 'ASC')
        .skip((page - 1) * pageSize)
        .take(pageSize)
        .getManyAndCount();
      return { items: await timeline(m, rows), page, pageSize, total };
    });
  }
}

/** Timeline entries of stored events, with the actors' key names. */
export async function timeline(m: EntityManager, rows: StoredEvent[]): Promise<TimelineEntry[]> {
  const ids = [...new Set(rows.map((r) => r.actorId))].filter((id) => id !== 'system');
  const keys = ids.length
    ? await m.find(ApiKeyEntity, { where: { id: In(ids) }, select: { id: true, name: true } })
    : [];
  const names = new Map(keys.map((k) => [k.id, k.name]));
  return rows.map((r) => toTimelineEntry(r, names));
}
