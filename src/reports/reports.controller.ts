import { Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ReportQuery, reportFormat } from './dto/report.query';
import { VerifyReportQuery } from './dto/verify-report.query';
import { ReportFile, reportResponse } from './report-file';
import { ReportIssuer } from './report-issuer';
import { ReportsService } from './reports.service';
import { ApiOp } from '../common/api-operation.decorator';

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly issuer: ReportIssuer,
  ) {}

  @ApiOp({
    summary: 'The evaluation report of a case, as PDF/A or HTML',
    produces: ['application/pdf', 'text/html'],
    problems: { 400: ['request.invalid'], 403: ['auth.forbidden'], 404: ['case.not-found'] },
  })
  @Get('evaluations/:id/report')
  async evaluation(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ReportQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return send(res, await this.reports.evaluation(p, id, reportFormat(query, accept), query.lang ?? 'zh'));
  }

  @ApiOp({
    summary: 'The report of an assessment, as PDF/A or HTML',
    produces: ['application/pdf', 'text/html'],
    problems: { 400: ['request.invalid'], 403: ['auth.forbidden'], 404: ['resource.not-found'] },
  })
  @Get('assessments/:id/report')
  async assessment(
    @CurrentPrincipal() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ReportQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return send(res, await this.reports.assessment(p, id, reportFormat(query, accept), query.lang ?? 'zh'));
  }

  @ApiOp({
    summary: 'Which case and chain position issued the report with this SHA-256',
    schema: 'ReportVerification',
    problems: { 400: ['request.invalid'] },
  })
  @Get('reports/verify')
  verifyHash(@CurrentPrincipal() p: Principal, @Query() query: VerifyReportQuery) {
    return this.issuer.verify(p, query.sha256);
  }

  @ApiOp({
    summary: 'Which case and chain position issued this report PDF',
    schema: 'ReportVerification',
    problems: { 400: ['request.invalid'], 415: ['request.invalid'] },
  })
  @Post('reports/verify')
  @HttpCode(200)
  @ApiConsumes('application/pdf')
  @ApiBody({
    required: true,
    description: 'The PDF, as it was handed out',
    schema: { type: 'string', format: 'binary' },
  })
  verifyFile(@CurrentPrincipal() p: Principal, @Req() req: Request) {
    // The raw bytes (configureApp reads application/pdf bodies on this path only); not a DTO to validate.
    return this.issuer.verifyBytes(p, req.body as Buffer);
  }
}

function send(res: Response, file: ReportFile) {
  if (file.sha256) res.setHeader('X-Report-SHA256', file.sha256);
  return reportResponse(file);
}
