import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { AssessmentsService } from './assessments.service';
import { CreateAssessmentDto } from './dto/create-assessment.dto';
import { ApiOp } from '../common/api-operation.decorator';
import { ListAssessmentsQuery } from './dto/list-assessments.query';

@ApiTags('assessments')
@ApiBearerAuth()
@Controller('assessments')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @ApiOp({
    summary: 'Run an instant risk assessment: facts in, decision out',
    status: 201,
    schema: 'AssessmentView',
    problems: {
      400: ['request.invalid', 'facts.invalid'],
      403: ['auth.forbidden'],
      404: ['definition.unknown-type'],
    },
  })
  @Post()
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateAssessmentDto) {
    return this.assessments.create(p, dto);
  }

  /** The caller's own assessments: an enterprise's, an officer's requests; auditors see all. */
  @ApiOp({
    summary: "List the caller's own assessments (auditors: all), newest first, one page",
    schema: 'AssessmentPage',
    problems: { 400: ['request.invalid'], 403: ['auth.forbidden'] },
  })
  @Get()
  list(@CurrentPrincipal() p: Principal, @Query() query: ListAssessmentsQuery) {
    return this.assessments.list(p, query);
  }

  @ApiOp({
    summary: 'Read an assessment',
    schema: 'AssessmentView',
    problems: { 400: ['request.invalid'], 403: ['auth.forbidden'], 404: ['resource.not-found'] },
  })
  @Get(':id')
  get(@CurrentPrincipal() p: Principal, @Param('id', UuidParamPipe) id: string) {
    return this.assessments.get(p, id);
  }
}
