import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { authorize, caseListScope } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { CanonicalJson, canonicalObject } from '../audit/audit-hash';
import { CaseReads } from '../audit/case-reads';
import { UnitOfWork } from '../database/unit-of-work';
import { decide } from '../decision/decide';
import type { Applicant, Facts } from '../decision/decision.types';
import { toApplicant } from './dto/applicant.dto';
import { DefinitionsService } from '../definitions/definitions.service';
import { initialState, transition } from '../workflow/transition';
import type { WorkflowEvent } from '../workflow/workflow.types';
import { CaseWriter, LoadedCase, NewDecision } from './case-writer';
import type { CreateEvaluationDto } from './dto/create-evaluation.dto';
import { validateFacts } from '../definitions/facts-validation';
import type { ListEvaluationsQuery } from './dto/list-evaluations.query';
import type { ResubmitEvaluationDto } from './dto/resubmit-evaluation.dto';
import { whereCaseVisible } from './case-scope-filter';
import { EvaluationEntity } from './evaluation.entity';
import { EvaluationSummary, EvaluationView, toEvaluationSummary, toEvaluationView } from './evaluation.view';
import { stateLabel } from './state-label';

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

@Injectable()
export class EvaluationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly definitions: DefinitionsService,
    private readonly cases: CaseWriter,
    private readonly clock: Clock,
    private readonly reads: CaseReads,
  ) {}

  async create(actor: Principal, dto: CreateEvaluationDto): Promise<EvaluationView> {
    const definition = this.definitions.requested(dto.type);
    const applicant = toApplicant(dto.applicant);
    authorize(actor, 'evaluation.create', {
      kind: 'new-case',
      applicantCreditCode: applicant.creditCode,
      competentDepartment: dto.competentDepartment,
    });
    if (!this.definitions.isDepartment(dto.competentDepartment)) {
      throw new DomainError('request.invalid', 'Unknown competent department', {
        errors: [
          {
            field: 'competentDepartment',
            reason: `"${dto.competentDepartment}" is not in the department catalogue`,
          },
        ],
      });
    }
    const facts = { ...validateFacts(definition.rules, dto.facts), applicant } as Facts;
    const at = this.clock.now();
    const decision = await decide(definition.rules, facts, at.toISOString());
    const result = initialState(definition.workflow, {
      competentDepartment: dto.competentDepartment,
      decision,
    });
    const evaluation = Object.assign(new EvaluationEntity(), {
      id: randomUUID(),
      type: definition.type,
      title: dto.title,
      applicantName: applicant.name,
      applicantCreditCode: applicant.creditCode,
      competentDepartment: dto.competentDepartment,
      submittedBy: actor.keyId,
      submitterDepartment: actor.department,
      level: decision.level,
      score: decision.score,
      workflowHash: definition.workflow.hash,
      rulesHash: definition.rules.hash,
      applicant: JSON.stringify(applicant),
      facts: JSON.stringify(facts),
      decision: JSON.stringify(decision),
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
    });
    // The audit payloads' canonical JSON, made here rather than under the write lock; the facts once for both.
    const canonical = { facts: CanonicalJson.of(facts), decision: CanonicalJson.of(decision) };
    const submission = canonicalObject({
      type: definition.type,
      title: dto.title,
      competentDepartment: dto.competentDepartment,
      facts: canonical.facts,
      workflowHash: definition.workflow.hash,
      rulesHash: definition.rules.hash,
    });
    const json = { facts: evaluation.facts, decision: evaluation.decision };
    const written = await this.uow.write((m) =>
      this.cases.insert(m, actor, at, evaluation, result, { facts, decision, canonical, json }, submission),
    );
    return this.answer(actor, { ...written, parsed: { applicant, decision } }, false);
  }

  async get(actor: Principal, id: string, withHistory = true): Promise<EvaluationView> {
    const loaded = await this.uow.read((m) => this.cases.load(m, id));
    return this.answer(actor, loaded, withHistory);
  }

  /**
   * The case as the caller may see it, from rows just read or just written (a command answers with what it
   * wrote instead of reading the case back): the same check and the same read record as GET.
   */
  private async answer(actor: Principal, loaded: LoadedCase, withHistory: boolean): Promise<EvaluationView> {
    const scope = this.cases.scopeOf(loaded);
    authorize(actor, 'evaluation.read', { kind: 'case', case: scope });
    await this.reads.record(actor, loaded.evaluation.id, scope, 'case'); // auditors and other departments leave a trace
    return this.view(loaded, withHistory);
  }

  /** The case's latest input facts, without the applicant: where a resubmission (补正) starts from. */
  async currentFacts(actor: Principal, id: string): Promise<Record<string, unknown>> {
    const loaded = await this.uow.read((m) => this.cases.load(m, id));
    authorize(actor, 'evaluation.read', { kind: 'case', case: this.cases.scopeOf(loaded) });
    const { applicant: _applicant, ...facts } = JSON.parse(loaded.evaluation.facts) as Facts;
    return facts;
  }

  /** Summaries of the given cases that the caller may list (the same visibility as list()), by id. */
  async summariesOf(actor: Principal, ids: string[]): Promise<Map<string, EvaluationSummary>> {
    if (ids.length === 0) return new Map();
    const rows = await this.uow.read((m) =>
      whereCaseVisible(m.createQueryBuilder(EvaluationEntity, 'e'), caseListScope(actor))
        .andWhere('e.id IN (:...ids)', { ids: ids.slice(0, 500) })
        .getMany(),
    );
    const summaries = await Promise.all(
      rows.map(async (e) => toEvaluationSummary(e, stateLabel(await this.workflowOf(e), e.state))),
    );
    return new Map(summaries.map((summary) => [summary.id, summary]));
  }

  async list(actor: Principal, query: ListEvaluationsQuery): Promise<Page<EvaluationSummary>> {
    const scope = caseListScope(actor);
    if (query.type !== undefined) this.definitions.requested(query.type);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const [rows, total] = await this.uow.read((m) => {
      const q = m.createQueryBuilder(EvaluationEntity, 'e');
      whereCaseVisible(q, scope);
      if (query.type) q.andWhere('e.type = :type', { type: query.type });
      if (query.state) q.andWhere('e.state = :state', { state: query.state });
      if (query.status) q.andWhere('e.status = :status', { status: query.status });
      if (query.level) q.andWhere('e.level = :level', { level: query.level });
      return q
        .orderBy('e.created_at', 'DESC')
        .addOrderBy('e.id', 'ASC')
        .skip((page - 1) * pageSize)
        .take(pageSize)
        .getManyAndCount();
    });
    const items = await Promise.all(
      rows.map(async (e) => toEvaluationSummary(e, stateLabel(await this.workflowOf(e), e.state))),
    );
    return { items, page, pageSize, total };
  }

  async withdraw(actor: Principal, id: string, reason: string | null): Promise<EvaluationView> {
    // The reason goes into the trail with the transition: the trail is where an auditor reads why a case ended.
    return this.command(actor, id, 'evaluation.withdraw', async () => ({
      event: { type: 'WITHDRAW', reason },
      payload: { reason },
    }));
  }

  /** Rules run again on the supplemented facts, with the rule version the case is pinned to. */
  async resubmit(actor: Principal, id: string, dto: ResubmitEvaluationDto): Promise<EvaluationView> {
    return this.command(actor, id, 'evaluation.resubmit', async (m, loaded, at) => {
      const rules = await this.definitions.rulesByHash(m, loaded.evaluation.rulesHash);
      const applicant = JSON.parse(loaded.evaluation.applicant) as Applicant;
      const facts = { ...validateFacts(rules, dto.facts), applicant } as Facts;
      const decision = await decide(rules, facts, at.toISOString());
      return { event: { type: 'RESUBMIT', decision }, decision: { facts, decision } };
    });
  }

  /** Loads, authorizes, transitions and saves in one transaction; the shape every case command shares. */
  private async command(
    actor: Principal,
    id: string,
    action: 'evaluation.withdraw' | 'evaluation.resubmit',
    prepare: (
      m: EntityManager,
      loaded: LoadedCase,
      at: Date,
    ) => Promise<{ event: WorkflowEvent; decision?: NewDecision; payload?: Record<string, unknown> }>,
  ): Promise<EvaluationView> {
    const written = await this.uow.write(async (m) => {
      const loaded = await this.cases.load(m, id);
      authorize(actor, action, { kind: 'case', case: this.cases.scopeOf(loaded) });
      const at = this.clock.now();
      const { event, decision, payload } = await prepare(m, loaded, at);
      const workflow = await this.definitions.workflowByHash(m, loaded.evaluation.workflowHash);
      const result = transition(workflow, JSON.parse(loaded.evaluation.snapshot), event);
      return this.cases.update(m, actor, at, loaded, event.type, result, { decision, payload });
    });
    return this.answer(actor, written, true);
  }

  private async view(loaded: LoadedCase, withHistory: boolean): Promise<EvaluationView> {
    const label = stateLabel(await this.workflowOf(loaded.evaluation), loaded.evaluation.state);
    return toEvaluationView(
      loaded.evaluation,
      loaded.tasks,
      label,
      withHistory,
      this.clock.now(),
      loaded.parsed,
    );
  }

  /** Every active workflow and every one used since start is cached: only an old version costs a read. */
  private async workflowOf(e: EvaluationEntity) {
    return (
      this.definitions.cachedWorkflow(e.workflowHash) ??
      this.uow.read((m) => this.definitions.workflowByHash(m, e.workflowHash))
    );
  }
}
