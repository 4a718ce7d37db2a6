import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { AssessmentsService } from './assessments.service';
import { CreateAssessmentDto } from './dto/create-assessment.dto';
import { ListAssessmentsQuery } from './dto/list-assessments.query';

@ApiTags('assessments')
@ApiBearerAuth()
@Controller('assessments')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Post()
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateAssessmentDto) {
    return this.assessments.create(p, dto);
  }

  /** The caller's own assessments: an enterprise's, an officer's requests; auditors see all. */
  @Get()
  list(@CurrentPrincipal() p: Principal, @Query() query: ListAssessmentsQuery) {
    return this.assessments.list(p, query);
  }

  @Get(':id')
  get(@CurrentPrincipal() p: Principal, @Param('id', UuidParamPipe) id: string) {
    return this.assessments.get(p, id);
  }
}
