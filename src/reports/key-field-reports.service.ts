import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail';
import {
  authorize,
  IP_OFFICE,
  type KeyFieldScope as PolicyScope,
  visibleKeyFieldReports,
} from '../auth/policy';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import type { PageQuery } from '../common/page.query';
import { UnitOfWork } from '../database/unit-of-work';
import { DefinitionsService } from '../definitions/definitions.service';
import type { Page } from '../common/page.query';
import type { KeyFieldReportDto } from './dto/key-field-report.dto';
import { REPORT_LANGS } from './dto/report.query';
import { keyFieldCases } from './key-field-cases';
import { keyFieldFigures, type KeyFieldFigures } from './key-field-figures';
import { buildKeyFieldDocument } from './key-field-report-document';
import { KeyFieldReportEntity } from './key-field-report.entity';
import { toKeyFieldReportView, type KeyFieldReportView } from './key-field-report.view';
import { keyFieldTransition, type KeyFieldEvent } from './key-field-workflow';
import type { ReportDocument, ReportLang } from './report-document';
import { ReportIssuer } from './report-issuer';
import { ReportRenderer } from './report-renderer';
import { unknownDepartment } from '../common/department-field-error';

// The procedure's table, for pages that offer only the steps it allows (the console's key-field pages).
export { keyFieldEventAllowed, type KeyFieldEvent } from './key-field-workflow';

/**
 * Key-field reports (重点领域知识产权评议报告): drafted by the IP office, reviewed and approved by the
 * competent department, published, withdrawn with a reason, corrected by a new edition that supersedes
 * the old one. Every step is one unit of work with its audit event; publication also issues the PDF.
 */
@Injectable()
export class KeyFieldReportsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly definitions: DefinitionsService,
    private readonly renderer: ReportRenderer,
    private readonly issuer: ReportIssuer,
  ) {}

  async create(actor: Principal, dto: KeyFieldReportDto): Promise<KeyFieldReportView> {
    authorize(actor, 'key-field.draft');
    this.checkDepartments(dto);
    const at = this.clock.now().toISOString();
    const id = randomUUID();
    const row = Object.assign(new KeyFieldReportEntity(), {
      id,
      seriesId: id,
      edition: 1,
      supersedesId: null,
      supersededById: null,
      ...content(dto),
      status: 'draft',
      figures: null,
      createdBy: actor.keyId,
      createdAt: at,
      updatedAt: at,
      publishedAt: null,
      withdrawnAt: null,
      statusReason: null,
      rowVersion: 1,
    } satisfies KeyFieldReportEntity);
    await this.uow.write(async (m) => {
      await m.insert(KeyFieldReportEntity, row);
      await this.record(m, actor, row, 'key-field-report.drafted', { field: row.field, title: row.title });
    });
    return toKeyFieldReportView(row);
  }

  /** Edits a draft (a new one, or one the department returned). */
  async update(actor: Principal, id: string, dto: KeyFieldReportDto): Promise<KeyFieldReportView> {
    authorize(actor, 'key-field.draft');
    this.checkDepartments(dto);
    return this.change(actor, id, async (m, row) => {
      if (row.status !== 'draft')
        throw new DomainError(
          'workflow.event-not-allowed',
          `A key-field report that is ${row.status} cannot be edited`,
        );
      return { changes: content(dto), action: 'key-field-report.edited', payload: { title: dto.title } };
    });
  }

  /**
   * Puts the draft up for review with its figures drawn now and frozen, so the department approves what
   * will be published. The text may not name an applicant or credit code of an evaluation in scope whose
   * applicant did not consent to publication on the case; the consenting ones are listed by the report.
   */
  async submit(actor: Principal, id: string): Promise<KeyFieldReportView> {
    authorize(actor, 'key-field.draft');
    return this.change(actor, id, async (m, row) => {
      const status = keyFieldTransition(row.status, 'submit', null);
      const { cases, unconsentedNames: names } = await keyFieldCases(m, JSON.parse(row.scope));
      for (const [field, text] of [
        ['title', row.title],
        ['field', row.field],
        ['body', row.body],
      ] as const) {
        const named = names.find((name) => name.length > 1 && text.includes(name));
        if (named)
          throw new DomainError(
            'request.invalid',
            'The report names an applicant of an evaluation in its scope',
            {
              errors: [
                {
                  field,
                  reason: `names "${named}", an applicant who has not consented to publication`,
                  zh: `提到了"${named}"，该申请人未同意公开`,
                },
              ],
            },
          );
      }
      const figures = keyFieldFigures(cases);
      return {
        changes: { status, figures: JSON.stringify(figures), statusReason: null },
        action: 'key-field-report.submitted',
        payload: { figures: figures as unknown as Record<string, unknown> },
      };
    });
  }

  /** Publication: the PDF is laid out first, then issued in the same unit of work as the status change. */
  async approve(actor: Principal, id: string): Promise<KeyFieldReportView> {
    const current = await this.load(id);
    authorize(actor, 'key-field.review', { kind: 'key-field-report', report: policyScope(current) });
    keyFieldTransition(current.status, 'approve', null);
    const at = this.clock.now();
    const previous = current.supersedesId ? await this.load(current.supersedesId) : null;
    const published = { ...current, publishedAt: at.toISOString() } as KeyFieldReportEntity;
    // Both languages the public can fetch, each issued, so either PDF verifies.
    const pdfs = await Promise.all(
      REPORT_LANGS.map(async (lang) => ({
        lang,
        pdf: await this.renderer.pdf(this.document(published, previous?.edition ?? null, lang)),
      })),
    );
    return this.change(
      actor,
      id,
      async (m, row) => {
        if (row.rowVersion !== current.rowVersion)
          throw new DomainError('case.version-conflict', 'The report changed while it was being approved');
        const status = keyFieldTransition(row.status, 'approve', null);
        if (previous) await this.supersede(m, actor, at, previous.id, row.id);
        for (const { lang, pdf } of pdfs)
          await this.issuer.record(m, actor, at, pdf, {
            kind: 'key-field',
            id: row.id,
            caseId: null,
            version: row.edition,
            lang,
            interim: false,
          });
        return {
          changes: { status, publishedAt: at.toISOString(), statusReason: null },
          action: 'key-field-report.published',
          payload: { edition: row.edition, supersedes: row.supersedesId },
        };
      },
      at,
    );
  }

  async returnToDraft(actor: Principal, id: string, reason: string): Promise<KeyFieldReportView> {
    return this.change(actor, id, async (_m, row) => {
      authorize(actor, 'key-field.review', { kind: 'key-field-report', report: policyScope(row) });
      const status = keyFieldTransition(row.status, 'return', reason);
      return {
        changes: { status, statusReason: reason },
        action: 'key-field-report.returned',
        payload: { reason },
      };
    });
  }

  async withdraw(actor: Principal, id: string, reason: string): Promise<KeyFieldReportView> {
    authorize(actor, 'key-field.draft');
    return this.change(actor, id, async (_m, row, at) => {
      const status = keyFieldTransition(row.status, 'withdraw', reason);
      return {
        changes: { status, statusReason: reason, withdrawnAt: at.toISOString() },
        action: 'key-field-report.withdrawn',
        payload: { reason },
      };
    });
  }

  /** A corrected edition of a published report: a new draft in the same series that will supersede it. */
  async revise(actor: Principal, id: string): Promise<KeyFieldReportView> {
    authorize(actor, 'key-field.draft');
    const at = this.clock.now().toISOString();
    const row = await this.uow.write(async (m) => {
      const old = await this.loadIn(m, id);
      if (old.status !== 'published' || old.supersededById)
        throw new DomainError(
          'workflow.event-not-allowed',
          `Only a published report can be corrected; this one is ${old.status}`,
        );
      const editions = await m.find(KeyFieldReportEntity, { where: { seriesId: old.seriesId } });
      if (editions.some((e) => e.supersedesId === old.id && e.status !== 'withdrawn'))
        throw new DomainError(
          'workflow.event-not-allowed',
          'A corrected edition of this report is already in progress',
        );
      const next = Object.assign(new KeyFieldReportEntity(), {
        ...old,
        id: randomUUID(),
        edition: Math.max(...editions.map((e) => e.edition)) + 1,
        supersedesId: old.id,
        supersededById: null,
        status: 'draft',
        figures: null,
        createdBy: actor.keyId,
        createdAt: at,
        updatedAt: at,
        publishedAt: null,
        withdrawnAt: null,
        statusReason: null,
        rowVersion: 1,
      } satisfies KeyFieldReportEntity);
      await m.insert(KeyFieldReportEntity, next);
      await this.record(m, actor, next, 'key-field-report.drafted', {
        supersedes: old.id,
        edition: next.edition,
      });
      return next;
    });
    return toKeyFieldReportView(row);
  }

  async get(actor: Principal, id: string): Promise<KeyFieldReportView> {
    const row = await this.load(id);
    authorize(actor, 'key-field.read', { kind: 'key-field-report', report: policyScope(row) });
    return toKeyFieldReportView(row);
  }

  /** The reports the caller may read, each as the per-report check allows: a reviewing department sees its own. */
  async list(actor: Principal, query: PageQuery): Promise<Page<KeyFieldReportView>> {
    const visible = visibleKeyFieldReports(actor);
    if (!visible.all && visible.anyOf.length === 0) authorize(actor, 'key-field.read');
    const where = visible.all ? {} : { competentDepartment: In(visible.anyOf.map((c) => c.equals)) };
    const [rows, total] = await this.uow.read((m) =>
      m.findAndCount(KeyFieldReportEntity, {
        where,
        order: { updatedAt: 'DESC', id: 'ASC' },
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
    );
    return { items: rows.map(toKeyFieldReportView), page: query.page, pageSize: query.pageSize, total };
  }

  /** The report as a document, in the words of the active definitions (names of types, stages, departments). */
  document(row: KeyFieldReportEntity, supersedesEdition: number | null, lang: ReportLang): ReportDocument {
    const all = this.definitions.all();
    const departments = all[0]?.rules.departments ?? [];
    return buildKeyFieldDocument({
      lang,
      id: row.id,
      field: row.field,
      title: row.title,
      body: row.body,
      edition: row.edition,
      supersedesEdition,
      scope: JSON.parse(row.scope),
      figures: JSON.parse(row.figures ?? 'null') as KeyFieldFigures,
      publishedAt: row.publishedAt!,
      competentDepartment: row.competentDepartment,
      departments,
      typeLabels: Object.fromEntries(all.map((d) => [d.type, d.label])),
      workflows: all.map((d) => d.workflow),
      publisher: departments.find((d) => d.code === IP_OFFICE)?.[lang] ?? IP_OFFICE,
      vocabulary: this.definitions.vocabulary(),
    });
  }

  async load(id: string): Promise<KeyFieldReportEntity> {
    return this.uow.read((m) => this.loadIn(m, id));
  }

  private async loadIn(m: EntityManager, id: string): Promise<KeyFieldReportEntity> {
    const row = await m.findOneBy(KeyFieldReportEntity, { id });
    if (!row) throw new DomainError('resource.not-found', `No key-field report with id ${id}`);
    return row;
  }

  /** Loads, decides, writes with an optimistic version check and records the event: one unit of work. */
  private async change(
    actor: Principal,
    id: string,
    decide: (
      m: EntityManager,
      row: KeyFieldReportEntity,
      at: Date,
    ) => Promise<{
      changes: Partial<KeyFieldReportEntity>;
      action: string;
      payload: Record<string, unknown>;
    }>,
    at: Date = this.clock.now(),
  ): Promise<KeyFieldReportView> {
    const row = await this.uow.write(async (m) => {
      const row = await this.loadIn(m, id);
      const { changes, action, payload } = await decide(m, row, at);
      const next = Object.assign(new KeyFieldReportEntity(), row, changes, {
        updatedAt: at.toISOString(),
        rowVersion: row.rowVersion + 1,
      });
      const { rowVersion: _v, id: _id, ...values } = next;
      const done = await m.update(
        KeyFieldReportEntity,
        { id, rowVersion: row.rowVersion },
        { ...values, rowVersion: next.rowVersion },
      );
      if (!done.affected)
        throw new DomainError('case.version-conflict', 'The report was changed by another request');
      await this.record(m, actor, next, action, { ...payload, from: row.status, to: next.status });
      return next;
    });
    return toKeyFieldReportView(row);
  }

  private async supersede(
    m: EntityManager,
    actor: Principal,
    at: Date,
    oldId: string,
    newId: string,
  ): Promise<void> {
    const old = await this.loadIn(m, oldId);
    const status = keyFieldTransition(old.status, 'supersede' as KeyFieldEvent, null);
    const done = await m.update(
      KeyFieldReportEntity,
      { id: oldId, rowVersion: old.rowVersion },
      { status, supersededById: newId, updatedAt: at.toISOString(), rowVersion: old.rowVersion + 1 },
    );
    if (!done.affected)
      throw new DomainError('case.version-conflict', 'The superseded report changed meanwhile');
    await this.record(m, actor, { ...old, status }, 'key-field-report.superseded', { by: newId });
  }

  private record(
    m: EntityManager,
    actor: Principal,
    row: Pick<KeyFieldReportEntity, 'id' | 'status'>,
    action: string,
    payload: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.append(m, actor, this.clock.now(), [
      { action, entityType: 'key-field-report', entityId: row.id, toState: row.status, payload },
    ]);
  }

  private checkDepartments(dto: KeyFieldReportDto): void {
    const known = new Set(this.definitions.all().map((d) => d.type));
    const type = (dto.scope.types ?? []).find((x) => !known.has(x));
    if (type)
      throw new DomainError('request.invalid', 'Unknown activity type', {
        errors: [
          {
            field: 'scope.types',
            reason: `"${type}" is not a defined activity type`,
            zh: `"${type}" 不是已定义的活动类型`,
          },
        ],
      });
    const unknown = [dto.competentDepartment, ...(dto.scope.departments ?? [])].find(
      (code) => !this.definitions.isDepartment(code),
    );
    if (unknown)
      throw new DomainError('request.invalid', 'Unknown department', {
        errors: [
          unknownDepartment(
            unknown === dto.competentDepartment ? 'competentDepartment' : 'scope.departments',
            unknown,
          ),
        ],
      });
  }
}

function content(dto: KeyFieldReportDto) {
  return {
    field: dto.field,
    title: dto.title,
    body: dto.body,
    competentDepartment: dto.competentDepartment,
    scope: JSON.stringify({
      types: dto.scope.types ?? [],
      departments: dto.scope.departments ?? [],
      closedFrom: dto.scope.closedFrom ?? null,
      closedTo: dto.scope.closedTo ?? null,
    }),
  };
}

/** What the policy judges a report by: who reviews it and who drafted it (nobody approves their own). */
export function policyScope(row: KeyFieldReportEntity): PolicyScope {
  return { competentDepartment: row.competentDepartment, createdBy: row.createdBy };
}
