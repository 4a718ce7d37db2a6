import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { ListNotificationsQuery } from './dto/list-notifications.query';
import { NotificationsService } from './notifications.service';
import { ApiOp } from '../common/api-operation.decorator';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** Reminders (催办) and escalations (超时) addressed to the caller's department; auditors see all. */
  @ApiOp({
    summary: "Reminders and escalations for the caller's department",
    schema: 'NotificationPage',
    problems: { 400: ['request.invalid'], 403: ['auth.forbidden'] },
  })
  @Get()
  list(@CurrentPrincipal() p: Principal, @Query() query: ListNotificationsQuery) {
    return this.notifications.list(p, query);
  }
}
