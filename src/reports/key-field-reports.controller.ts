import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { PageQuery } from '../common/page.query';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { KeyFieldReasonDto, KeyFieldReportDto } from './dto/key-field-report.dto';
import { KeyFieldReportsService } from './key-field-reports.service';

@ApiTags('key-field reports')
@ApiBearerAuth()
@Controller('key-field-reports')
export class KeyFieldReportsController {
  constructor(private readonly reports: KeyFieldReportsService) {}

  @Post()
  create(@CurrentPrincipal() p: Principal, @Body() dto: KeyFieldReportDto) {
    return this.reports.create(p, dto);
  }

  @Get()
  list(@CurrentPrincipal() p: Principal, @Query() query: PageQuery) {
    return this.reports.list(p, query);
  }

  @Get(':id')
  get(@CurrentPrincipal() p: Principal, @Param('id', UuidParamPipe) id: string) {
    return this.reports.get(p, id);
  }

  @Put(':id')
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: KeyFieldReportDto,
  ) {
    return this.reports.update(p, id, dto);
  }

  @Post(':id/submit')
  @HttpCode(200)
  submit(@CurrentPrincipal() p: Principal, @Param('id', UuidParamPipe) id: string) {
    return this.reports.submit(p, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  approve(@CurrentPrincipal() p: Principal, @Param('id', UuidParamPipe) id: string) {
    return this.reports.approve(p, id);
  }

  @Post(':id/return')
  @HttpCode(200)
  returnToDraft(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: KeyFieldReasonDto,
  ) {
    return this.reports.returnToDraft(p, id, dto.reason);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  withdraw(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: KeyFieldReasonDto,
  ) {
    return this.reports.withdraw(p, id, dto.reason);
  }

  @Post(':id/revise')
  @HttpCode(201)
  revise(@CurrentPrincipal() p: Principal, @Param('id', UuidParamPipe) id: string) {
    return this.reports.revise(p, id);
  }
}
