import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { AssessmentsService } from './assessments.service';
import { CreateAssessmentDto } from './dto/create-assessment.dto';

@ApiTags('assessments')
@ApiBearerAuth()
@Controller('assessments')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Post()
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateAssessmentDto) {
    return this.assessments.create(p, dto);
  }

  @Get(':id')
  get(@CurrentPrincipal() p: Principal, @Param('id', UuidParamPipe) id: string) {
    return this.assessments.get(p, id);
  }
}
