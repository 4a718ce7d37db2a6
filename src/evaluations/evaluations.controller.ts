import { Body, Headers, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { MERGE_PATCH_MEDIA_TYPE } from '../common/require-json-body.middleware';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CreateEvaluationDto } from './dto/create-evaluation.dto';
import { ListEvaluationsQuery } from './dto/list-evaluations.query';
import { ResubmitEvaluationDto } from './dto/resubmit-evaluation.dto';
import { SubmitPhaseDto } from './dto/submit-phase.dto';
import { WithdrawEvaluationDto } from './dto/withdraw-evaluation.dto';
import { EvaluationsService } from './evaluations.service';
import { ApiOp } from '../common/api-operation.decorator';

/** What a command on an existing case can answer besides its success (`facts.invalid` where it judges facts). */
function caseCommandProblems(...invalid: string[]) {
  return {
    400: ['request.invalid', ...invalid],
    403: ['auth.forbidden'],
    404: ['case.not-found'],
    409: ['workflow.event-not-allowed', 'case.version-conflict'],
  };
}

/**
 * Sends an answer made as JSON already, text or UTF-8 bytes, as it is. Nest would serialise bytes as an
 * object (`{"type":"Buffer",...}`), so these handlers answer themselves; a failure before this still goes
 * to the exception filter as for any handler.
 */
function sendJson(res: Response, status: number, json: string | Buffer): void {
  // The charset said for bytes too, as express says it for text.
  res.status(status).type('application/json; charset=utf-8').send(json);
}

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('evaluations')
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  @ApiOp({
    summary: 'Submit an evaluation case; the rules decide and the workflow starts',
    status: 201,
    schema: 'EvaluationView',
    problems: {
      400: ['request.invalid', 'facts.invalid'],
      403: ['auth.forbidden'],
      404: ['definition.unknown-type'],
    },
  })
  @Post()
  async create(
    @CurrentPrincipal() p: Principal,
    @Body() dto: CreateEvaluationDto,
    @Res() res: Response,
  ): Promise<void> {
    sendJson(res, 201, await this.evaluations.createJson(p, dto));
  }

  @ApiOp({
    summary:
      "List the cases the caller may read, a page at a time (q: text in the title or applicant's name)",
    schema: 'EvaluationPage',
    problems: { 400: ['request.invalid'] },
  })
  @Get()
  list(@CurrentPrincipal() p: Principal, @Query() query: ListEvaluationsQuery) {
    return this.evaluations.list(p, query);
  }

  @ApiOp({
    summary: 'Read one case: decision, open tasks, outcome, task history',
    schema: 'EvaluationView',
    problems: { 400: ['request.invalid'], 403: ['auth.forbidden'], 404: ['case.not-found'] },
  })
  @Get(':id')
  async get(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Res() res: Response,
  ): Promise<void> {
    sendJson(res, 200, await this.evaluations.getJson(p, id));
  }

  @ApiOp({
    summary: 'Withdraw a case before its decision (applicant side)',
    schema: 'EvaluationView',
    problems: caseCommandProblems(),
  })
  @Post(':id/withdraw')
  @HttpCode(200)
  withdraw(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: WithdrawEvaluationDto,
  ) {
    return this.evaluations.withdraw(p, id, dto.reason ?? null);
  }

  @ApiOp({
    summary: 'Resubmit corrected facts after a return (applicant side); the rules run again',
    schema: 'EvaluationView',
    problems: caseCommandProblems('facts.invalid'),
  })
  @Post(':id/resubmit')
  @HttpCode(200)
  @ApiConsumes('application/json', 'application/merge-patch+json')
  resubmit(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ResubmitEvaluationDto,
    @Headers('content-type') contentType: string | undefined,
  ) {
    return this.evaluations.resubmit(p, id, dto, MERGE_PATCH_MEDIA_TYPE.test(contentType ?? ''));
  }

  /** The applicant's report of a later phase (中期, 验收) of a type assessed in phases. */
  @ApiOp({
    summary: "Submit the report of the phase the case waits for, judged by that phase's rules",
    schema: 'EvaluationView',
    problems: caseCommandProblems('facts.invalid'),
  })
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
