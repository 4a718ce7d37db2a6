import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CreateEvaluationDto } from './dto/create-evaluation.dto';
import { ListEvaluationsQuery } from './dto/list-evaluations.query';
import { ResubmitEvaluationDto } from './dto/resubmit-evaluation.dto';
import { SubmitPhaseDto } from './dto/submit-phase.dto';
import { WithdrawEvaluationDto } from './dto/withdraw-evaluation.dto';
import { EvaluationsService } from './evaluations.service';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('evaluations')
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  @Post()
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateEvaluationDto) {
    return this.evaluations.create(p, dto);
  }

  @Get()
  list(@CurrentPrincipal() p: Principal, @Query() query: ListEvaluationsQuery) {
    return this.evaluations.list(p, query);
  }

  @Get(':id')
  get(@CurrentPrincipal() p: Principal, @Param('id', UuidParamPipe) id: string) {
    return this.evaluations.get(p, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  withdraw(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: WithdrawEvaluationDto,
  ) {
    return this.evaluations.withdraw(p, id, dto.reason ?? null);
  }

  @Post(':id/resubmit')
  @HttpCode(200)
  resubmit(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ResubmitEvaluationDto,
  ) {
    return this.evaluations.resubmit(p, id, dto);
  }

  /** The applicant's report of a later phase (中期, 验收) of a type assessed in phases. */
  @Post(':id/phases')
  @HttpCode(200)
  submitPhase(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: SubmitPhaseDto,
  ) {
    return this.evaluations.submitPhase(p, id, dto);
  }
}
