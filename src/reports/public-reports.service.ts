import { Injectable } from '@nestjs/common';
import { In, IsNull, Not } from 'typeorm';
import { DomainError } from '../common/domain-error';
import type { PageQuery } from '../common/page.query';
import { UnitOfWork } from '../database/unit-of-work';
import { atomFeed } from './atom-feed';
import { KeyFieldReportEntity } from './key-field-report.entity';
import { KeyFieldReportsService } from './key-field-reports.service';
import type { ReportLang } from './report-document';
import type { ReportFile } from './report-file';
import { reportHtml } from './report-html';
import { ReportRenderer } from './report-renderer';
import { chinaDate, t } from './report-labels';

/** A published report in the public list: what it is and where to read it, nothing about who made it. */
export interface PublicReportSummary {
  id: string;
  field: string;
  title: string;
  edition: number;
  publishedAt: string;
  supersedes: string | null;
  links: { html: string; pdf: string };
}

export interface PublicReportNotice {
  id: string;
  title: string;
  withdrawnAt: string;
  reason: string;
}

/** What the public sees at one address: the report, or the notice of its withdrawal (410). */
export type PublicReportAnswer = { status: 200; file: ReportFile } | { status: 410; file: ReportFile };

const PATH = '/api/v1/public/reports';

/**
 * The public side of key-field reports, without a key: the published reports, their PDF and HTML, an Atom
 * feed, and the notices of withdrawn ones. Drafts, reports under review, who drafted or approved: never.
 */
@Injectable()
export class PublicReportsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly keyField: KeyFieldReportsService,
    private readonly renderer: ReportRenderer,
  ) {}

  async list(query: PageQuery) {
    const [rows, total, withdrawn] = await this.uow.read(async (m) => {
      const [rows, total] = await m.findAndCount(KeyFieldReportEntity, {
        where: { status: 'published' },
        order: { publishedAt: 'DESC', id: 'ASC' },
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      });
      const withdrawn = await m.find(KeyFieldReportEntity, {
        where: { status: 'withdrawn', publishedAt: Not(IsNull()) },
        order: { withdrawnAt: 'DESC', id: 'ASC' },
        take: 20,
      });
      return [rows, total, withdrawn] as const;
    });
    return {
      items: rows.map(summary),
      notices: withdrawn.map(notice),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  async report(ref: string, format: 'pdf' | 'html', lang: ReportLang): Promise<PublicReportAnswer> {
    const row = await this.uow.read((m) => m.findOneBy(KeyFieldReportEntity, { id: ref }));
    // Never published (a draft, under review, or nothing): the same answer, so the public learns nothing.
    if (!row || !row.publishedAt) throw new DomainError('resource.not-found', `No published report ${ref}`);
    if (row.status === 'withdrawn') return { status: 410, file: noticeFile(notice(row), lang) };
    const previous = row.supersedesId ? await this.keyField.load(row.supersedesId) : null;
    const document = this.keyField.document(row, previous?.edition ?? null, lang);
    const filename = `key-field-report-${row.id}-${row.edition}-${lang}`;
    if (format === 'pdf') {
      // The same bytes that were issued at publication (same row, same document): they verify by hash.
      const body = await this.renderer.pdf(document);
      return {
        status: 200,
        file: { body, type: 'application/pdf', filename: `${filename}.pdf`, sha256: null },
      };
    }
    if (row.supersededById)
      document.sections[0].blocks.unshift({
        kind: 'note',
        text: t(
          lang,
          `本报告已被更正版本取代：${PATH}/${row.supersededById}`,
          `Superseded by a corrected edition: ${PATH}/${row.supersededById}`,
        ),
      });
    const body = Buffer.from(reportHtml(document), 'utf8');
    return {
      status: 200,
      file: { body, type: 'text/html; charset=utf-8', filename: `${filename}.html`, sha256: null },
    };
  }

  async feed(origin: string): Promise<string> {
    const rows = await this.uow.read((m) =>
      m.find(KeyFieldReportEntity, {
        where: { status: In(['published', 'withdrawn']), publishedAt: Not(IsNull()) },
        order: { publishedAt: 'DESC', id: 'ASC' },
        take: 50,
      }),
    );
    return atomFeed({
      id: `${origin}${PATH}.atom`,
      title: '重点领域知识产权评议报告 Key-field IP evaluation reports',
      self: `${origin}${PATH}.atom`,
      alternate: `${origin}${PATH}`,
      entries: rows.map((r) =>
        r.status === 'withdrawn'
          ? {
              id: r.id,
              title: `已撤回 Withdrawn: ${r.title}`,
              updated: r.withdrawnAt!,
              link: `${origin}${PATH}/${r.id}`,
              summary: r.statusReason ?? '',
            }
          : {
              id: r.id,
              title: r.title,
              updated: r.publishedAt!,
              link: `${origin}${PATH}/${r.id}`,
              summary: `${r.field} · ${r.body.split(/\n\s*\n/)[0].slice(0, 400)}`,
            },
      ),
    });
  }
}

function summary(r: KeyFieldReportEntity): PublicReportSummary {
  return {
    id: r.id,
    field: r.field,
    title: r.title,
    edition: r.edition,
    publishedAt: r.publishedAt!,
    supersedes: r.supersedesId,
    links: { html: `${PATH}/${r.id}`, pdf: `${PATH}/${r.id}.pdf` },
  };
}

function notice(r: KeyFieldReportEntity): PublicReportNotice {
  return { id: r.id, title: r.title, withdrawnAt: r.withdrawnAt!, reason: r.statusReason ?? '' };
}

function noticeFile(n: PublicReportNotice, lang: ReportLang): ReportFile {
  const html = reportHtml({
    lang,
    title: t(lang, '报告已撤回', 'Report withdrawn'),
    subtitle: n.title,
    author: '',
    date: n.withdrawnAt,
    cover: [
      [t(lang, '撤回日期', 'Withdrawn on'), chinaDate(n.withdrawnAt)],
      [t(lang, '撤回理由', 'Reason'), n.reason],
    ],
    interimMark: null,
    header: '',
    footer: PATH,
    sections: [],
  });
  return {
    body: Buffer.from(html, 'utf8'),
    type: 'text/html; charset=utf-8',
    filename: `withdrawn-${n.id}.html`,
    sha256: null,
  };
}
