import { Injectable } from '@nestjs/common';
import { AssessmentEntity } from '../assessments/assessment.entity';
import { AssessmentsService } from '../assessments/assessments.service';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { CaseTrailService } from '../evaluations/case-trail.service';
import { authorize } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { DefinitionsService } from '../definitions/definitions.service';
import { CaseRepository } from '../evaluations/case.repository';
import { EvaluationsService } from '../evaluations/evaluations.service';
import type { LocalizedText, MachineConfigJson } from '../definitions/definition.types';
import { buildAssessmentReport } from './assessment-report';
import { reportFactFields } from './fact-fields';
import { buildEvaluationReport, REPORT_ACTIONS, visitedStates } from './evaluation-report';
import type { ReportDocument, ReportLang } from './report-document';
import type { ReportFile } from './report-file';
import type { TimelineEntry } from '../audit/audit-timeline';
import { reportHtml } from './report-html';
import { ReportIssuer, ReportSubject } from './report-issuer';
import { ReportRenderer } from './report-renderer';
import { workflowDot } from './workflow-diagram';

/**
 * The report of a case (評议报告) and of an instant assessment, as PDF/A or HTML. Cases are read through
 * the evaluations service and the trail service, exactly as the API shows them to the caller; a PDF is
 * issued (its hash recorded in the trail) as it is handed out.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly evaluations: EvaluationsService,
    private readonly trails: CaseTrailService,
    private readonly assessments: AssessmentsService,
    private readonly definitions: DefinitionsService,
    private readonly renderer: ReportRenderer,
    private readonly issuer: ReportIssuer,
  ) {}

  /**
   * A case's workflow diagram as SVG, its path taken marked (from its trail): the report's, and the console
   * case page's. Graphviz (WebAssembly) runs on the renderer's worker thread.
   */
  workflowDiagram(
    machine: MachineConfigJson,
    trail: TimelineEntry[],
    current: string | null,
    lang: ReportLang,
  ): Promise<string> {
    return this.renderer.svg(
      workflowDot({
        machine,
        visited: visitedStates(trail),
        current,
        lang,
        vocabulary: this.definitions.vocabulary(),
      }),
    );
  }

  async evaluation(
    actor: Principal,
    id: string,
    format: 'pdf' | 'html',
    lang: ReportLang,
  ): Promise<ReportFile> {
    const scope = await this.uow.read((m) => this.cases.scope(m, id), { singleStatement: true });
    authorize(actor, 'report.read', { kind: 'case', case: scope });
    const evaluation = await this.evaluations.get(actor, id, false);
    const trail = (await this.trails.trail(actor, id)).filter((e) => !REPORT_ACTIONS.includes(e.action));
    const { rules, workflow } = await this.uow.read(async (m) => ({
      // The rules in force: for a type assessed in phases, those of the phase last submitted (its facts).
      rules: await this.definitions.rulesByHash(m, evaluation.decision.definitionHash),
      workflow: await this.definitions.workflowByHash(m, evaluation.definition.workflowHash),
    }));
    const diagramSvg = await this.workflowDiagram(workflow.machine, trail, evaluation.state, lang);
    const document = buildEvaluationReport({
      lang,
      evaluation,
      trail,
      rules,
      workflow,
      activity: this.activityLabel(evaluation.type),
      factFields: reportFactFields(this.definitions.applicantSchema(), rules.factsSchema),
      diagramSvg,
      vocabulary: this.definitions.vocabulary(),
    });
    const filename = `evaluation-${id}-v${evaluation.version}-${lang}`;
    return this.deliver(actor, document, format, filename, {
      kind: 'evaluation',
      id,
      caseId: id,
      version: evaluation.version,
      lang,
      interim: evaluation.status !== 'closed',
    });
  }

  async assessment(
    actor: Principal,
    id: string,
    format: 'pdf' | 'html',
    lang: ReportLang,
  ): Promise<ReportFile> {
    const found = await this.uow.read(async (m) => {
      const row = await m.findOneBy(AssessmentEntity, { id });
      const event = await m.findOneBy(AuditEventEntity, { action: 'assessment.made', entityId: id });
      return { row, event };
    });
    if (!found.row) throw new DomainError('resource.not-found', `No assessment with id ${id}`);
    const { applicantCreditCode, requestedBy } = found.row;
    authorize(actor, 'report.read', { kind: 'assessment', assessment: { applicantCreditCode, requestedBy } });
    const assessment = await this.assessments.get(actor, id);
    const rules = await this.uow.read((m) => this.definitions.rulesByHash(m, found.row!.rulesHash));
    const document = buildAssessmentReport({
      lang,
      assessment,
      rules,
      activity: this.activityLabel(assessment.type),
      factFields: reportFactFields(this.definitions.applicantSchema(), rules.factsSchema),
      facts: JSON.parse(found.row.facts) as Record<string, unknown>,
      event: found.event,
      vocabulary: this.definitions.vocabulary(),
    });
    return this.deliver(actor, document, format, `assessment-${id}-${lang}`, {
      kind: 'assessment',
      id,
      caseId: null,
      version: 1,
      lang,
      interim: false,
    });
  }

  /** The type's name; a type no longer defined keeps its code as its name. */
  private activityLabel(type: string): LocalizedText {
    return this.definitions.all().find((d) => d.type === type)?.label ?? { zh: type, en: type };
  }

  /** HTML as it is; a PDF laid out off the event loop and issued before it leaves. */
  async deliver(
    actor: Principal,
    document: ReportDocument,
    format: 'pdf' | 'html',
    filename: string,
    subject: ReportSubject,
  ): Promise<ReportFile> {
    if (format === 'html') {
      const body = Buffer.from(reportHtml(document), 'utf8');
      return { body, type: 'text/html; charset=utf-8', filename: `${filename}.html`, sha256: null };
    }
    const body = await this.renderer.pdf(document);
    const { sha256 } = await this.issuer.issue(actor, body, subject);
    return { body, type: 'application/pdf', filename: `${filename}.pdf`, sha256 };
  }
}
