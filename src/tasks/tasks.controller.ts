import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CompleteTaskDto } from './dto/complete-task.dto';
import { ListTasksQuery } from './dto/list-tasks.query';
import { TasksService } from './tasks.service';
import { ApiOp } from '../common/api-operation.decorator';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @ApiOp({
    summary:
      'The inbox (open, 待办) or done tasks (已办), filtered and searched, one page, each with its case',
    schema: 'TaskPage',
    problems: { 400: ['request.invalid'], 403: ['auth.forbidden'] },
  })
  @Get()
  inbox(@CurrentPrincipal() p: Principal, @Query() query: ListTasksQuery) {
    return this.tasks.inbox(p, query);
  }

  @ApiOp({
    summary: 'Complete a task with one of its allowed outcomes',
    schema: 'TaskView',
    problems: {
      400: ['request.invalid'],
      403: ['auth.forbidden'],
      404: ['resource.not-found'],
      409: [
        'workflow.outcome-not-allowed',
        'workflow.task-not-open',
        'workflow.override-required',
        'workflow.conditions-required',
        'workflow.comment-required',
        'case.version-conflict',
      ],
    },
  })
  @Post(':id/complete')
  @HttpCode(200)
  complete(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CompleteTaskDto,
  ) {
    return this.tasks.complete(p, id, dto);
  }
}
