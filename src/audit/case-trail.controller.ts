import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CaseTrailService } from './case-trail.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('evaluations')
export class CaseTrailController {
  constructor(private readonly trails: CaseTrailService) {}

  @Get(':id/trail')
  trail(@CurrentPrincipal() p: Principal, @Param('id', UuidParamPipe) id: string) {
    return this.trails.trail(p, id);
  }
}
