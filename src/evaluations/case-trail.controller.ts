import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CaseReplayService } from './case-replay.service';
import { CaseTrailQuery } from './case-trail.query';
import { CaseTrailService } from './case-trail.service';
import { ndjsonFile } from '../audit/ndjson-file';
import { ApiOp } from '../common/api-operation.decorator';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('evaluations')
export class CaseTrailController {
  constructor(
    private readonly trails: CaseTrailService,
    private readonly replays: CaseReplayService,
  ) {}

  @ApiOp({
    summary: "A case's decision trail as a readable timeline",
    schema: 'TimelineEntry',
    isArray: true,
    problems: { 400: ['request.invalid'], 403: ['auth.forbidden'], 404: ['case.not-found'] },
  })
  @Get(':id/trail')
  trail(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: CaseTrailQuery,
  ) {
    return this.trails.trail(p, id, query.include === 'access');
  }

  @ApiOp({
    summary: "Re-run a case's stored decisions and compare (auditor)",
    schema: 'ReplayReport',
    problems: { 400: ['request.invalid'], 403: ['auth.forbidden'], 404: ['case.not-found'] },
  })
  @Post(':id/replay')
  @HttpCode(200)
  replay(@CurrentPrincipal() p: Principal, @Param('id', UuidParamPipe) id: string) {
    return this.replays.replay(p, id);
  }

  @ApiOp({
    summary: "Export a case's events as NDJSON (auditor)",
    produces: 'application/x-ndjson',
    problems: { 400: ['request.invalid'], 403: ['auth.forbidden'], 404: ['case.not-found'] },
  })
  @Get(':id/export')
  async export(@CurrentPrincipal() p: Principal, @Param('id', UuidParamPipe) id: string) {
    return ndjsonFile(await this.trails.export(p, id));
  }
}
