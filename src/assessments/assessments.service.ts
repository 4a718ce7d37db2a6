import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditTrail } from '../audit/audit-trail';
import { authorize, visibleAssessments, type AssessmentField } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import type { Page } from '../common/page.query';
import { UnitOfWork } from '../database/unit-of-work';
import { whereVisible, type FieldSql } from '../database/row-filter.sql';
import { canonicalObject } from '../audit/audit-hash';
import { DecisionThread } from '../decision-thread/decision-thread';
import type { Applicant, Decision, Facts } from '../decision/decision.types';
import { DefinitionsService } from '../definitions/definitions.service';
import { validateApplicant, validateFacts } from '../definitions/facts-validation';
import { AssessmentEntity } from './assessment.entity';
import type { CreateAssessmentDto } from './dto/create-assessment.dto';
import type { ListAssessmentsQuery } from './dto/list-assessments.query';

export interface AssessmentView {
  id: string;
  type: string;
  applicant: Applicant;
  submittedAt: string;
  decision: Decision;
}

/** An assessment in a list: who and what was assessed, when, and the outcome in brief. */
export interface AssessmentSummary {
  id: string;
  type: string;
  applicant: { name: string; creditCode: string };
  submittedAt: string;
  score: number;
  level: Decision['level'];
}

const ASSESSMENT_FIELDS: FieldSql<AssessmentField> = {
  applicantCreditCode: (v) => `a.applicant_credit_code = ${v}`,
  requestedBy: (v) => `a.requested_by = ${v}`,
};

/** Instant risk assessment (风险评估): facts in, decision out; kept and audited, no workflow. */
@Injectable()
export class AssessmentsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly definitions: DefinitionsService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly decider: DecisionThread,
  ) {}

  async create(actor: Principal, dto: CreateAssessmentDto): Promise<AssessmentView> {
    const definition = this.definitions.requested(dto.type);
    const applicant = validateApplicant(this.definitions.applicantSchema(), dto.applicant);
    authorize(actor, 'assessment.create', {
      kind: 'new-assessment',
      applicantCreditCode: applicant.creditCode,
    });
    const facts = { ...validateFacts(definition.rules, dto.facts), applicant } as Facts;
    const at = this.clock.now();
    const { outline, canonical } = await this.decider.decide(definition.rules, facts, at.toISOString());
    const id = randomUUID();
    await this.uow.write(async (m) => {
      await m.insert(AssessmentEntity, {
        id,
        type: definition.type,
        applicantCreditCode: applicant.creditCode,
        requestedBy: actor.keyId,
        rulesHash: definition.rules.hash,
        submittedAt: outline.submittedAt,
        facts: canonical.facts.text,
        decision: canonical.decision.text,
      });
      await this.audit.append(m, actor, at, [
        {
          action: 'assessment.made',
          entityType: 'assessment',
          entityId: id,
          payload: canonicalObject({ type: definition.type, ...canonical }),
        },
      ]);
    });
    const decision = JSON.parse(canonical.decision.text) as Decision;
    return { id, type: definition.type, applicant, submittedAt: outline.submittedAt, decision };
  }

  async get(actor: Principal, id: string): Promise<AssessmentView> {
    const row = await this.readable(actor, id);
    const facts = JSON.parse(row.facts) as Facts;
    return {
      id: row.id,
      type: row.type,
      applicant: facts.applicant,
      submittedAt: row.submittedAt,
      decision: JSON.parse(row.decision) as Decision,
    };
  }

  /** The caller's own assessments (those assessment.read lets it read), newest first. */
  async list(actor: Principal, query: ListAssessmentsQuery): Promise<Page<AssessmentSummary>> {
    authorize(actor, 'assessment.list');
    if (query.type !== undefined) this.definitions.requested(query.type);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const [rows, total] = await this.uow.read((m) => {
      const q = whereVisible(
        m.createQueryBuilder(AssessmentEntity, 'a'),
        visibleAssessments(actor),
        ASSESSMENT_FIELDS,
      );
      if (query.type) q.andWhere('a.type = :type', { type: query.type });
      return q
        .orderBy('a.submitted_at', 'DESC')
        .addOrderBy('a.id', 'ASC')
        .skip((page - 1) * pageSize)
        .take(pageSize)
        .getManyAndCount();
    });
    const items = rows.map((row): AssessmentSummary => {
      const { applicant } = JSON.parse(row.facts) as Facts;
      const { score, level } = JSON.parse(row.decision) as Decision;
      return {
        id: row.id,
        type: row.type,
        applicant: { name: applicant.name, creditCode: applicant.creditCode },
        submittedAt: row.submittedAt,
        score,
        level,
      };
    });
    return { items, page, pageSize, total };
  }

  /** The facts an assessment was made from, for a rerun with changes (same check as reading it). */
  async facts(actor: Principal, id: string): Promise<Facts> {
    return JSON.parse((await this.readable(actor, id)).facts) as Facts;
  }

  private async readable(actor: Principal, id: string): Promise<AssessmentEntity> {
    const row = await this.uow.read((m) => m.findOneBy(AssessmentEntity, { id }));
    if (!row) throw new DomainError('resource.not-found', `No assessment with id ${id}`);
    authorize(actor, 'assessment.read', {
      kind: 'assessment',
      assessment: { applicantCreditCode: row.applicantCreditCode, requestedBy: row.requestedBy },
    });
    return row;
  }
}
