import { EntityManager, In } from 'typeorm';
import type { Decision } from '../decision/decision.types';
import { decisionsInForce } from '../evaluations/case.repository';
import { EvaluationEntity } from '../evaluations/evaluation.entity';
import { TaskEntity } from '../tasks/task.entity';
import type { FieldCase } from './key-field-figures';

/** As stored (key-field-reports.service.ts content()): empty lists and null dates mean no bound. */
export interface KeyFieldScope {
  types?: string[];
  departments?: string[];
  closedFrom?: string | null;
  closedTo?: string | null;
}

// SQLite may hand a boolean column back as 0 or 1.
const consents = (e: EvaluationEntity): boolean => Boolean(e.publicationConsent);

/** China is UTC+8: a day given in China time starts 8 hours earlier in UTC. */
const dayStartUtc = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();
const dayEndUtc = (day: string) => new Date(Date.parse(`${day}T23:59:59.999+08:00`)).toISOString();

/**
 * The archived evaluations of a key field (closed with a decision; withdrawn cases have none), read for
 * the figures. Across every case, whoever submitted it: the figures are aggregate, and a case carries its
 * title and applicant only when the applicant consented to publication. The names and credit codes of
 * the applicants who did not consent come back separately, only so that the editorial text can be
 * checked for them.
 */
export async function keyFieldCases(
  m: EntityManager,
  scope: KeyFieldScope,
): Promise<{ cases: FieldCase[]; unconsentedNames: string[] }> {
  const q = m
    .createQueryBuilder(EvaluationEntity, 'e')
    .where('e.status = :status', { status: 'closed' })
    .andWhere('e.outcome IS NOT NULL');
  if (scope.types?.length) q.andWhere('e.type IN (:...types)', { types: scope.types });
  if (scope.departments?.length)
    q.andWhere('e.competent_department IN (:...departments)', { departments: scope.departments });
  if (scope.closedFrom) q.andWhere('e.updated_at >= :from', { from: dayStartUtc(scope.closedFrom) });
  if (scope.closedTo) q.andWhere('e.updated_at <= :to', { to: dayEndUtc(scope.closedTo) });
  const rows = await q.orderBy('e.id', 'ASC').getMany();
  const tasks = rows.length
    ? await m.find(TaskEntity, { where: { evaluationId: In(rows.map((r) => r.id)), status: 'done' } })
    : [];
  const decisions = await decisionsInForce(
    m,
    rows.map((r) => r.id),
  );
  const cases = rows.map((e): FieldCase => {
    const decision = JSON.parse(decisions.get(e.id)!) as Decision;
    return {
      type: e.type,
      level: e.level,
      outcome: e.outcome,
      decision: { findings: decision.findings, hardStops: decision.hardStops, measures: decision.measures },
      tasks: tasks
        .filter((t) => t.evaluationId === e.id && t.closedAt)
        .map((t) => ({ stage: t.stage, openedAt: t.openedAt, closedAt: t.closedAt! })),
      consented: consents(e) ? { title: e.title, applicant: e.applicantName } : null,
    };
  });
  const unconsentedNames = [
    ...new Set(rows.filter((e) => !consents(e)).flatMap((e) => [e.applicantName, e.applicantCreditCode])),
  ];
  return { cases, unconsentedNames };
}
