import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CompleteTaskDto } from './dto/complete-task.dto';
import { ListTasksQuery } from './dto/list-tasks.query';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  inbox(@CurrentPrincipal() p: Principal, @Query() query: ListTasksQuery) {
    return this.tasks.inbox(p, query);
  }

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
