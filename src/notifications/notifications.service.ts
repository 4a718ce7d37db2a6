import { Injectable } from '@nestjs/common';
import { authorize } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { UnitOfWork } from '../database/unit-of-work';
import type { ListNotificationsQuery } from './dto/list-notifications.query';
import { NotificationEntity } from './notification.entity';
import { toNotificationView, type NotificationView } from './notification.view';

/** Deadline notices, read by the departments they are addressed to (auditors read all). */
@Injectable()
export class NotificationsService {
  constructor(private readonly uow: UnitOfWork) {}

  async list(
    actor: Principal,
    query: ListNotificationsQuery,
  ): Promise<{ items: NotificationView[]; page: number; pageSize: number; total: number }> {
    authorize(actor, 'notification.list');
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const [rows, total] = await this.uow.read((m) => {
      const q = m.createQueryBuilder(NotificationEntity, 'n');
      // The policy let in auditors and department keys only: everyone else here has a department.
      if (actor.role !== 'auditor') q.andWhere('n.department = :dept', { dept: actor.department });
      if (query.kind) q.andWhere('n.kind = :kind', { kind: query.kind });
      return q
        .orderBy('n.created_at', 'DESC')
        .addOrderBy('n.id', 'ASC')
        .skip((page - 1) * pageSize)
        .take(pageSize)
        .getManyAndCount();
    });
    return { items: rows.map(toNotificationView), page, pageSize, total };
  }
}
