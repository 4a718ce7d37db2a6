import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { DefinitionsService } from './definitions.service';

@ApiTags('definitions')
@ApiBearerAuth()
@Controller()
export class DefinitionsController {
  constructor(private readonly definitions: DefinitionsService) {}

  @Get('departments')
  departments(@CurrentPrincipal() p: Principal) {
    return this.definitions.listDepartments(p);
  }

  @Get('definitions')
  list(@CurrentPrincipal() p: Principal) {
    return this.definitions.summaries(p);
  }

  @Get('definitions/:type')
  get(@CurrentPrincipal() p: Principal, @Param('type') type: string) {
    return this.definitions.detail(p, type);
  }
}
