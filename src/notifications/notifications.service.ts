import { Injectable } from '@nestjs/common';
import { can, authorize, visibleNotifications, type NotificationField } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { Page } from '../common/page.query';
import { UnitOfWork } from '../database/unit-of-work';
import { whereVisible, type FieldSql } from '../database/row-filter.sql';
import { CaseRepository } from '../evaluations/case.repository';
import type { ListNotificationsQuery } from './dto/list-notifications.query';
import { NotificationEntity } from './notification.entity';
import { toNotificationView, type NotificationView } from './notification.view';

const NOTIFICATION_FIELDS: FieldSql<NotificationField> = { department: (v) => `n.department = ${v}` };

/**
 * Deadline notices, read by the departments they are addressed to (auditors read all). A notice names its
 * case's title only to a reader who may read that case: an escalation goes to a supervising department
 * that holds no task on the case, and the title alone can say too much (a person, a technology).
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly cases: CaseRepository,
  ) {}

  async list(actor: Principal, query: ListNotificationsQuery): Promise<Page<NotificationView>> {
    authorize(actor, 'notification.list');
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { rows, total, cases } = await this.uow.read(async (m) => {
      const q = whereVisible(
        m.createQueryBuilder(NotificationEntity, 'n'),
        visibleNotifications(actor),
        NOTIFICATION_FIELDS,
      );
      if (query.kind) q.andWhere('n.kind = :kind', { kind: query.kind });
      const [rows, total] = await q
        .orderBy('n.created_at', 'DESC')
        .addOrderBy('n.id', 'ASC')
        .skip((page - 1) * pageSize)
        .take(pageSize)
        .getManyAndCount();
      return {
        rows,
        total,
        cases: await this.cases.scopes(
          m,
          rows.map((n) => n.evaluationId),
        ),
      };
    });
    const items = rows.map((n) => {
      // Cases are never deleted: every notice's case is there.
      const c = cases.get(n.evaluationId)!;
      return toNotificationView(n, {
        title: c.title,
        readable: can(actor, 'evaluation.read', { kind: 'case', case: c.scope }),
      });
    });
    return { items, page, pageSize, total };
  }
}
