import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { DefinitionsService } from './definitions.service';
import { ApiOp } from '../common/api-operation.decorator';

@ApiTags('definitions')
@ApiBearerAuth()
@Controller()
export class DefinitionsController {
  constructor(private readonly definitions: DefinitionsService) {}

  @ApiOp({ summary: 'The department catalogue', schema: 'Department', isArray: true })
  @Get('departments')
  departments(@CurrentPrincipal() p: Principal) {
    return this.definitions.listDepartments(p);
  }

  @ApiOp({
    summary: 'The words for outcomes, levels, dimensions, roles, countersign modes and statuses',
    schema: 'Vocabulary',
  })
  @Get('vocabulary')
  vocabulary(@CurrentPrincipal() p: Principal) {
    return this.definitions.listVocabulary(p);
  }

  @ApiOp({
    summary: 'The active definition of every activity type, with its hashes',
    schema: 'DefinitionSummary',
    isArray: true,
  })
  @Get('definitions')
  list(@CurrentPrincipal() p: Principal) {
    return this.definitions.summaries(p);
  }

  @ApiOp({
    summary: 'The active workflow and rules of one type, exactly as loaded',
    schema: 'DefinitionDetail',
    problems: { 404: ['definition.unknown-type'] },
  })
  @Get('definitions/:type')
  get(@CurrentPrincipal() p: Principal, @Param('type') type: string) {
    return this.definitions.detail(p, type);
  }
}
