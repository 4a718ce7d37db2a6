import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const REPORT_FORMATS = ['pdf', 'html'] as const;
export const REPORT_LANGS = ['zh', 'en'] as const;

/** GET .../report: the format (else from the Accept header; PDF by default) and the language (Chinese by default). */
export class ReportQuery {
  @ApiPropertyOptional({ enum: REPORT_FORMATS })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: (typeof REPORT_FORMATS)[number];

  @ApiPropertyOptional({ enum: REPORT_LANGS })
  @IsOptional()
  @IsIn(REPORT_LANGS)
  lang?: (typeof REPORT_LANGS)[number];
}

/** The format asked for: ?format= first, else HTML where the client accepts HTML and not PDF. */
export function reportFormat(query: ReportQuery, accept: string | undefined): 'pdf' | 'html' {
  if (query.format) return query.format;
  const a = (accept ?? '').toLowerCase();
  return a.includes('text/html') && !a.includes('application/pdf') ? 'html' : 'pdf';
}
