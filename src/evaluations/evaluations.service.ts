import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { authorize, can, visibleCases } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import type { Page } from '../common/page.query';
import { canonicalObject } from '../audit/audit-hash';
import { textOf } from '../common/utf8-text';
import { CaseReads } from './case-reads';
import { UnitOfWork } from '../database/unit-of-work';
import { DecisionThread } from '../decision-thread/decision-thread';
import type { Applicant, Facts } from '../decision/decision.types';
import { DefinitionsService } from '../definitions/definitions.service';
import { initialState, transition } from '../workflow/transition';
import type { WorkflowEvent } from '../workflow/workflow.types';
import { CaseRepository, type CaseChanges, LoadedCase, NewDecision } from './case.repository';
import type { CreateEvaluationDto } from './dto/create-evaluation.dto';
import { validateApplicant, validateFacts } from '../definitions/facts-validation';
import type { ListEvaluationsQuery } from './dto/list-evaluations.query';
import type { SubmitPhaseDto } from './dto/submit-phase.dto';
import type { ResubmitEvaluationDto } from './dto/resubmit-evaluation.dto';
import { applyMergePatch } from '../common/json-merge-patch';
import { inputFactsOf } from './evaluation.view';
import { EvaluationEntity } from './evaluation.entity';
import { EvaluationSummary, EvaluationView, toEvaluationSummary, toEvaluationView } from './evaluation.view';
import { stateLabel } from '../definitions/state-label';
import { unknownDepartment } from '../common/department-field-error';
import {
  evaluationViewJson,
  withoutDecision,
  withoutOfficials,
  type ViewWithoutDecision,
} from './evaluation.view';

@Injectable()
export class EvaluationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly definitions: DefinitionsService,
    private readonly cases: CaseRepository,
    private readonly clock: Clock,
    private readonly reads: CaseReads,
    private readonly decider: DecisionThread,
  ) {}

  async create(actor: Principal, dto: CreateEvaluationDto): Promise<EvaluationView> {
    return this.answer(actor, await this.submit(actor, dto), false);
  }

  /**
   * POST over the API: the answer of `create` as JSON, the decision spliced in as the UTF-8 bytes it was
   * written from (so the answer is bytes).
   */
  async createJson(actor: Principal, dto: CreateEvaluationDto): Promise<string | Buffer> {
    return this.answerJson(actor, await this.submit(actor, dto), false);
  }

  /** Decides, starts the workflow and writes the new case; returns it as written. */
  private async submit(actor: Principal, dto: CreateEvaluationDto): Promise<LoadedCase> {
    const definition = this.definitions.requested(dto.type);
    const applicant = validateApplicant(this.definitions.applicantSchema(), dto.applicant);
    // Before the policy: an unknown department is a mistake in the request (400), not a refusal (403).
    if (!this.definitions.isDepartment(dto.competentDepartment)) {
      throw new DomainError('request.invalid', 'Unknown competent department', {
        errors: [unknownDepartment('competentDepartment', dto.competentDepartment)],
      });
    }
    const competent = definition.competentDepartments;
    if (!competent.includes(dto.competentDepartment)) {
      throw new DomainError('request.invalid', 'This department is not competent for the activity type', {
        errors: [
          {
            field: 'competentDepartment',
            reason: `"${dto.competentDepartment}" may not be competent for ${definition.type}; one of: ${competent.join(', ')}`,
            zh: `"${dto.competentDepartment}" 不能作为 ${definition.type} 的主管部门；可选：${competent.join('、')}`,
          },
        ],
      });
    }
    authorize(actor, 'evaluation.create', {
      kind: 'new-case',
      applicantCreditCode: applicant.creditCode,
      competentDepartment: dto.competentDepartment,
    });
    const facts = { ...validateFacts(definition.rules, dto.facts), applicant } as Facts;
    const at = this.clock.now();
    // With the one text of the facts and of the decision, for the case row, the decision row and the audit
    // payloads (and spliced into the answer): canonical JSON, made before the write lock, off this thread.
    const { outline, canonical } = await this.decider.decide(definition.rules, facts, at.toISOString());
    const result = initialState(definition.workflow, {
      competentDepartment: dto.competentDepartment,
      decision: outline,
      ...(definition.phases ? { phase: definition.phases[0].id } : {}),
    });
    const evaluation = Object.assign(new EvaluationEntity(), {
      id: randomUUID(),
      type: definition.type,
      title: dto.title,
      applicantName: applicant.name,
      applicantCreditCode: applicant.creditCode,
      competentDepartment: dto.competentDepartment,
      publicationConsent: dto.publicationConsent ?? false,
      submittedBy: actor.keyId,
      submitterDepartment: actor.department,
      level: outline.level,
      score: outline.score,
      workflowHash: definition.workflow.hash,
      rulesHash: definition.rules.hash,
      applicant: JSON.stringify(applicant),
      facts: canonical.facts.text,
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
    });
    const submission = canonicalObject({
      type: definition.type,
      title: dto.title,
      competentDepartment: dto.competentDepartment,
      publicationConsent: dto.publicationConsent ?? false,
      facts: canonical.facts,
      workflowHash: definition.workflow.hash,
      rulesHash: definition.rules.hash,
    });
    const written = await this.uow.write((m) =>
      this.cases.insert(m, actor, at, evaluation, result, { outline, canonical }, submission),
    );
    return { ...written, parsed: { applicant } };
  }

  async get(actor: Principal, id: string, withHistory = true): Promise<EvaluationView> {
    const loaded = await this.uow.read((m) => this.cases.load(m, id), { singleStatement: true });
    return this.answer(actor, loaded, withHistory);
  }

  /** GET over the API: the same view as `get`, as JSON text with the stored decision spliced in. */
  async getJson(actor: Principal, id: string): Promise<string | Buffer> {
    return this.answerJson(
      actor,
      await this.uow.read((m) => this.cases.load(m, id), { singleStatement: true }),
      true,
    );
  }

  /** `answer` as JSON, with the decision as stored spliced in instead of serialised again. */
  private async answerJson(
    actor: Principal,
    loaded: LoadedCase,
    withHistory: boolean,
  ): Promise<string | Buffer> {
    const view = await this.visible(actor, loaded, async () => {
      const e = loaded.evaluation;
      const label = await this.labelOf(e);
      return withoutDecision(e, loaded.tasks, label, withHistory, this.clock.now(), loaded.parsed?.applicant);
    });
    return evaluationViewJson(view, loaded.decision);
  }

  /**
   * The case as the caller may see it, from rows just read or just written (a command answers with what it
   * wrote instead of reading the case back): the same check and the same read record as GET.
   */
  private answer(actor: Principal, loaded: LoadedCase, withHistory: boolean): Promise<EvaluationView> {
    return this.visible(actor, loaded, () => this.view(loaded, withHistory));
  }

  /** Checks the caller may read the case, records the read, and leaves the officials out where they may not see them. */
  private async visible<V extends ViewWithoutDecision>(
    actor: Principal,
    loaded: LoadedCase,
    build: () => Promise<V>,
  ): Promise<V> {
    const scope = this.cases.scopeOf(loaded);
    authorize(actor, 'evaluation.read', { kind: 'case', case: scope });
    await this.reads.record(actor, loaded.evaluation.id, scope, 'case'); // auditors and other departments leave a trace
    const view = await build();
    return can(actor, 'evaluation.officials', { kind: 'case', case: scope }) ? view : withoutOfficials(view);
  }

  /** The case's latest input facts, without the applicant: where a resubmission (补正) starts from. */
  async currentFacts(actor: Principal, id: string): Promise<Record<string, unknown>> {
    const loaded = await this.uow.read((m) => this.cases.load(m, id), { singleStatement: true });
    authorize(actor, 'evaluation.read', { kind: 'case', case: this.cases.scopeOf(loaded) });
    const { applicant: _applicant, ...facts } = JSON.parse(loaded.evaluation.facts) as Facts;
    return facts;
  }

  /** The cases the policy lets the caller read, newest first, filtered and searched, a page at a time. */
  async list(actor: Principal, query: ListEvaluationsQuery): Promise<Page<EvaluationSummary>> {
    if (query.type !== undefined) this.definitions.requested(query.type);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { rows, total } = await this.uow.read((m) =>
      this.cases.list(m, visibleCases(actor), query, { page, pageSize }),
    );
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
  /**
   * `mergePatch`: the body is an RFC 7396 merge patch of `{ facts }` (Content-Type
   * application/merge-patch+json): only what changes is sent, `null` removes a fact; the merged facts are
   * then validated as a whole, exactly like full facts.
   */
  async resubmit(
    actor: Principal,
    id: string,
    dto: ResubmitEvaluationDto,
    mergePatch = false,
  ): Promise<EvaluationView> {
    return this.command(actor, id, 'evaluation.resubmit', async (m, loaded, at) => {
      // The rules of the phase in progress: those of the decision in force (for most types, the pinned ones).
      const inForce = (JSON.parse(textOf(loaded.decision)) as { definitionHash: string }).definitionHash;
      const rules = await this.definitions.rulesByHash(m, inForce);
      const applicant = JSON.parse(loaded.evaluation.applicant) as Applicant;
      const given = mergePatch ? applyMergePatch(inputFactsOf(loaded.evaluation), dto.facts) : dto.facts;
      const facts = { ...validateFacts(rules, given), applicant } as Facts;
      const { outline, canonical } = await this.decider.decide(rules, facts, at.toISOString());
      // A changed consent is written with the resubmission and said in its trail event; an unchanged one is not.
      const consent = dto.publicationConsent;
      const consentChanges =
        consent !== undefined && consent !== Boolean(loaded.evaluation.publicationConsent);
      return {
        event: { type: 'RESUBMIT', decision: outline },
        decision: { outline, canonical },
        ...(consentChanges
          ? { changes: { publicationConsent: consent }, payload: { publicationConsent: consent } }
          : {}),
      };
    });
  }

  /**
   * A later phase of a type assessed in phases (中期, 验收): its facts, judged by that phase's rules in the
   * version the case is pinned to (the first phase's rule set names them), steer the case from now on.
   */
  async submitPhase(actor: Principal, id: string, dto: SubmitPhaseDto): Promise<EvaluationView> {
    return this.command(actor, id, 'evaluation.submit-phase', async (m, loaded, at) => {
      const pinned = await this.definitions.rulesByHash(m, loaded.evaluation.rulesHash);
      const phases = pinned.phases ?? {};
      if (!Object.hasOwn(phases, dto.phase)) {
        const known = Object.keys(phases);
        throw new DomainError(
          'request.invalid',
          `No phase "${dto.phase}" to submit for a ${pinned.type} case`,
          {
            errors: [
              {
                field: 'phase',
                reason: known.length
                  ? `phase must be one of ${known.join(', ')}`
                  : `${pinned.type} has no later phases`,
                zh: known.length ? `phase 须为下列之一：${known.join('、')}` : `${pinned.type} 没有后续阶段`,
              },
            ],
          },
        );
      }
      const rules = await this.definitions.rulesByHash(m, phases[dto.phase]);
      const applicant = JSON.parse(loaded.evaluation.applicant) as Applicant;
      const facts = { ...validateFacts(rules, dto.facts), applicant } as Facts;
      const { outline, canonical } = await this.decider.decide(rules, facts, at.toISOString());
      return {
        event: { type: 'PHASE_SUBMITTED', phase: dto.phase, decision: outline },
        decision: { outline, canonical },
        payload: { phase: dto.phase },
      };
    });
  }

  /** Loads, authorizes, transitions and saves in one transaction; the shape every case command shares. */
  private async command(
    actor: Principal,
    id: string,
    action: 'evaluation.withdraw' | 'evaluation.resubmit' | 'evaluation.submit-phase',
    prepare: (
      m: EntityManager,
      loaded: LoadedCase,
      at: Date,
    ) => Promise<{
      event: WorkflowEvent;
      decision?: NewDecision;
      payload?: Record<string, unknown>;
      changes?: CaseChanges;
    }>,
  ): Promise<EvaluationView> {
    const written = await this.uow.write(async (m) => {
      const loaded = await this.cases.load(m, id);
      authorize(actor, action, { kind: 'case', case: this.cases.scopeOf(loaded) });
      const at = this.clock.now();
      const { event, decision, payload, changes } = await prepare(m, loaded, at);
      const workflow = await this.definitions.workflowByHash(m, loaded.evaluation.workflowHash);
      const result = transition(workflow, JSON.parse(loaded.evaluation.snapshot), event);
      return this.cases.update(m, actor, at, loaded, event.type, result, { decision, payload, changes });
    });
    return this.answer(actor, written, true);
  }

  private async labelOf(e: EvaluationEntity) {
    return stateLabel(await this.workflowOf(e), e.state);
  }

  private async view(loaded: LoadedCase, withHistory: boolean): Promise<EvaluationView> {
    const label = await this.labelOf(loaded.evaluation);
    return toEvaluationView(
      loaded.evaluation,
      loaded.tasks,
      loaded.decision,
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
