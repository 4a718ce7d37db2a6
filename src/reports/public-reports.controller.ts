import { Controller, Get, Headers, Param, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/public.decorator';
import { PageQuery } from '../common/page.query';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ReportQuery } from './dto/report.query';
import { reportResponse } from './report-file';
import { PublicReportsService } from './public-reports.service';
import { ApiOp } from '../common/api-operation.decorator';

/**
 * Published key-field reports for everyone, without a key. Rate-limited by address like every request
 * without a key (RateLimitGuard), and answering only with what was published.
 */
@ApiTags('public')
@Public()
@Controller('public')
export class PublicReportsController {
  constructor(private readonly reports: PublicReportsService) {}

  @ApiOp({
    summary: 'The published key-field reports and the notices of withdrawn ones (no key needed)',
    schema: 'PublicReportPage',
    problems: { 400: ['request.invalid'] },
  })
  @Get('reports')
  list(@Query() query: PageQuery) {
    return this.reports.list(query);
  }

  @ApiOp({
    summary: 'An Atom feed of the published key-field reports (no key needed)',
    produces: 'application/atom+xml',
  })
  @Get('reports.atom')
  async feed(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    res.type('application/atom+xml; charset=utf-8');
    return this.reports.feed(`${req.protocol}://${req.get('host')}`);
  }

  /** `:id` for HTML (or PDF by Accept), `:id.pdf` for the PDF. */
  @ApiOp({
    summary: 'A published key-field report, as HTML or PDF (no key needed)',
    produces: ['text/html', 'application/pdf'],
    problems: { 400: ['request.invalid'], 404: ['resource.not-found'] },
  })
  @Get('reports/:ref')
  async report(
    @Param('ref') ref: string,
    @Query() query: ReportQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const pdf = ref.endsWith('.pdf');
    const id = new UuidParamPipe().transform(pdf ? ref.slice(0, -4) : ref);
    // HTML unless the PDF is asked for: a person following a link reads it in the browser.
    const wantsPdf =
      pdf || query.format === 'pdf' || (!query.format && /application\/pdf/i.test(accept ?? ''));
    const format = wantsPdf ? 'pdf' : 'html';
    const answer = await this.reports.report(id, format, query.lang ?? 'zh');
    res.status(answer.status);
    return reportResponse(answer.file);
  }
}
