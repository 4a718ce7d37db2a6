import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { PageQuery } from '../common/page.query';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { KeyFieldReasonDto, KeyFieldReportDto } from './dto/key-field-report.dto';
import { KeyFieldReportsService } from './key-field-reports.service';
import { ApiOp } from '../common/api-operation.decorator';

/** What every step of a report's own workflow can answer besides its success. */
const STEP_PROBLEMS = {
  400: ['request.invalid'],
  403: ['auth.forbidden'],
  404: ['resource.not-found'],
  409: ['workflow.event-not-allowed', 'case.version-conflict'],
};

@ApiTags('key-field reports')
@ApiBearerAuth()
@Controller('key-field-reports')
export class KeyFieldReportsController {
  constructor(private readonly reports: KeyFieldReportsService) {}

  @ApiOp({
    summary: 'Draft a key-field report (IP office)',
    status: 201,
    schema: 'KeyFieldReport',
    problems: { 400: ['request.invalid'], 403: ['auth.forbidden'] },
  })
  @Post()
  create(@CurrentPrincipal() p: Principal, @Body() dto: KeyFieldReportDto) {
    return this.reports.create(p, dto);
  }

  @ApiOp({
    summary: 'List the key-field reports the caller may read',
    schema: 'KeyFieldReportPage',
    problems: { 400: ['request.invalid'], 403: ['auth.forbidden'] },
  })
  @Get()
  list(@CurrentPrincipal() p: Principal, @Query() query: PageQuery) {
    return this.reports.list(p, query);
  }

  @ApiOp({
    summary: 'Read a key-field report',
    schema: 'KeyFieldReport',
    problems: { 400: ['request.invalid'], 403: ['auth.forbidden'], 404: ['resource.not-found'] },
  })
  @Get(':id')
  get(@CurrentPrincipal() p: Principal, @Param('id', UuidParamPipe) id: string) {
    return this.reports.get(p, id);
  }

  @ApiOp({
    summary: 'Edit a draft key-field report',
    schema: 'KeyFieldReport',
    problems: STEP_PROBLEMS,
  })
  @Put(':id')
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: KeyFieldReportDto,
  ) {
    return this.reports.update(p, id, dto);
  }

  @ApiOp({
    summary: 'Submit a key-field report for approval',
    schema: 'KeyFieldReport',
    problems: STEP_PROBLEMS,
  })
  @Post(':id/submit')
  @HttpCode(200)
  submit(@CurrentPrincipal() p: Principal, @Param('id', UuidParamPipe) id: string) {
    return this.reports.submit(p, id);
  }

  @ApiOp({
    summary: 'Approve and publish a key-field report',
    schema: 'KeyFieldReport',
    problems: STEP_PROBLEMS,
  })
  @Post(':id/approve')
  @HttpCode(200)
  approve(@CurrentPrincipal() p: Principal, @Param('id', UuidParamPipe) id: string) {
    return this.reports.approve(p, id);
  }

  @ApiOp({
    summary: 'Return a key-field report to its drafters',
    schema: 'KeyFieldReport',
    problems: STEP_PROBLEMS,
  })
  @Post(':id/return')
  @HttpCode(200)
  returnToDraft(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: KeyFieldReasonDto,
  ) {
    return this.reports.returnToDraft(p, id, dto.reason);
  }

  @ApiOp({
    summary: 'Withdraw a published key-field report',
    schema: 'KeyFieldReport',
    problems: STEP_PROBLEMS,
  })
  @Post(':id/withdraw')
  @HttpCode(200)
  withdraw(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: KeyFieldReasonDto,
  ) {
    return this.reports.withdraw(p, id, dto.reason);
  }

  @ApiOp({
    summary: 'Start a corrected version of a key-field report',
    status: 201,
    schema: 'KeyFieldReport',
    problems: STEP_PROBLEMS,
  })
  @Post(':id/revise')
  @HttpCode(201)
  revise(@CurrentPrincipal() p: Principal, @Param('id', UuidParamPipe) id: string) {
    return this.reports.revise(p, id);
  }
}
