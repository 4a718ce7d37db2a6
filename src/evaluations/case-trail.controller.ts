import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CaseReplayService } from './case-replay.service';
import { CaseTrailQuery } from './case-trail.query';
import { CaseTrailService } from './case-trail.service';
import { ndjsonFile } from '../audit/ndjson-file';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('evaluations')
export class CaseTrailController {
  constructor(
    private readonly trails: CaseTrailService,
    private readonly replays: CaseReplayService,
  ) {}

  @Get(':id/trail')
  trail(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: CaseTrailQuery,
  ) {
    return this.trails.trail(p, id, query.include === 'access');
  }

  @Post(':id/replay')
  @HttpCode(200)
  replay(@CurrentPrincipal() p: Principal, @Param('id', UuidParamPipe) id: string) {
    return this.replays.replay(p, id);
  }

  @Get(':id/export')
  @ApiProduces('application/x-ndjson')
  async export(@CurrentPrincipal() p: Principal, @Param('id', UuidParamPipe) id: string) {
    return ndjsonFile(await this.trails.export(p, id));
  }
}
