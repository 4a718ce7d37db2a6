import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditTrail } from '../audit/audit-trail';
import { authorize, can } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { decide } from '../decision/decide';
import type { Applicant, Decision, Facts } from '../decision/decision.types';
import { toApplicant } from '../evaluations/dto/applicant.dto';
import { DefinitionsService } from '../definitions/definitions.service';
import { validateFacts } from '../definitions/facts-validation';
import { AssessmentEntity } from './assessment.entity';
import type { CreateAssessmentDto } from './dto/create-assessment.dto';

export interface AssessmentSummary {
  id: string;
  type: string;
  applicantCreditCode: string;
  submittedAt: string;
  score: number;
  level: string;
}

export interface AssessmentView {
  id: string;
  type: string;
  applicant: Applicant;
  submittedAt: string;
  decision: Decision;
}

/** Instant risk assessment (风险评估): facts in, decision out; kept and audited, no workflow. */
@Injectable()
export class AssessmentsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly definitions: DefinitionsService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async create(actor: Principal, dto: CreateAssessmentDto): Promise<AssessmentView> {
    const definition = this.definitions.requested(dto.type);
    const applicant = toApplicant(dto.applicant);
    authorize(actor, 'assessment.create', {
      kind: 'new-assessment',
      applicantCreditCode: applicant.creditCode,
    });
    const facts = { ...validateFacts(definition.rules, dto.facts), applicant } as Facts;
    const at = this.clock.now();
    const decision = await decide(definition.rules, facts, at.toISOString());
    const id = randomUUID();
    await this.uow.write(async (m) => {
      await m.insert(AssessmentEntity, {
        id,
        type: definition.type,
        applicantCreditCode: applicant.creditCode,
        requestedBy: actor.keyId,
        rulesHash: definition.rules.hash,
        submittedAt: decision.submittedAt,
        facts: JSON.stringify(facts),
        decision: JSON.stringify(decision),
      });
      await this.audit.append(m, actor, at, [
        {
          action: 'assessment.made',
          entityType: 'assessment',
          entityId: id,
          payload: { type: definition.type, facts, decision: decision as unknown as Record<string, unknown> },
        },
      ]);
    });
    return { id, type: definition.type, applicant, submittedAt: decision.submittedAt, decision };
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

  /**
   * The assessments the caller may read, newest first (at most `limit`): enterprises their credit code's,
   * officers their own, auditors all. The query narrows; the policy decides each row, as for one.
   */
  async list(actor: Principal, limit = 50): Promise<AssessmentSummary[]> {
    const rows = await this.uow.read((m) => {
      const q = m.createQueryBuilder(AssessmentEntity, 'a');
      if (actor.role === 'enterprise') q.where('a.applicant_credit_code = :code', { code: actor.creditCode });
      else if (actor.role !== 'auditor') q.where('a.requested_by = :by', { by: actor.keyId });
      return q.orderBy('a.submitted_at', 'DESC').addOrderBy('a.id', 'ASC').limit(limit).getMany();
    });
    return rows
      .filter((row) =>
        can(actor, 'assessment.read', {
          kind: 'assessment',
          assessment: { applicantCreditCode: row.applicantCreditCode, requestedBy: row.requestedBy },
        }),
      )
      .map((row) => {
        const decision = JSON.parse(row.decision) as Decision;
        return {
          id: row.id,
          type: row.type,
          applicantCreditCode: row.applicantCreditCode,
          submittedAt: row.submittedAt,
          score: decision.score,
          level: decision.level,
        };
      });
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
