import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { authorize } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { decide } from '../decision/decide';
import type { Facts } from '../decision/decision.types';
import { DefinitionsService } from '../definitions/definitions.service';
import { hashRuleSet } from '../definitions/hash-definition';
import { CaseRepository } from './case.repository';
import { EvaluationDecisionEntity } from './evaluation-decision.entity';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { canonicalJson } from '../audit/audit-hash';
import { AuditTrail } from '../audit/audit-trail';
import { jsonDifferences, type JsonDifference } from '../audit/json-diff';

export interface ReplayedRound {
  round: number;
  rulesHash: string;
  submittedAt: string;
  /** The stored rule version still hashes to its address (definition_versions was not edited). */
  definitionIntact: boolean;
  /** The recomputed Decision equals the stored one, byte for byte in canonical JSON. */
  identical: boolean;
  differences: JsonDifference[];
  /**
   * The stored decision and facts against the `decision.made` event of the round in the hash chain
   * (the decision table is not chained; the trail is): `matches`, `differs` or `missing`.
   */
  trail: 'matches' | 'differs' | 'missing';
  trailDifferences: JsonDifference[];
  error?: string;
}

export interface ReplayReport {
  caseId: string;
  replayedAt: string;
  /** Every round identical, every definition intact, every round consistent with the trail. */
  identical: boolean;
  rounds: ReplayedRound[];
}

/**
 * POST /evaluations/:id/replay: re-runs every stored decision of a case with its stored facts, its stored
 * submission time and the rule version it was made with, looked up by hash in definition_versions (so it
 * works after the files in rules/ changed), and reports per round identical or where it differs.
 */
@Injectable()
export class CaseReplayService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly definitions: DefinitionsService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async replay(actor: Principal, caseId: string): Promise<ReplayReport> {
    const rounds = await this.uow.read(async (m) => {
      authorize(actor, 'audit.replay', { kind: 'case', case: await this.cases.scope(m, caseId) });
      const decisions = await this.cases.decisions(m, caseId);
      const recorded = await this.recordedDecisions(m, caseId);
      const out: ReplayedRound[] = [];
      for (const row of decisions) out.push(await this.replayRound(m, row, recorded.get(row.round)));
      return out;
    });
    const at = this.clock.now();
    const report: ReplayReport = {
      caseId,
      replayedAt: at.toISOString(),
      identical: rounds.every((r) => r.identical && r.definitionIntact && r.trail === 'matches'),
      rounds,
    };
    await this.uow.write((m) =>
      this.audit.append(m, actor, at, [
        {
          action: 'evaluation.replayed',
          entityType: 'evaluation',
          entityId: caseId,
          caseId,
          payload: {
            identical: report.identical,
            rounds: rounds.map((r) => ({
              round: r.round,
              rulesHash: r.rulesHash,
              identical: r.identical,
              definitionIntact: r.definitionIntact,
              trail: r.trail,
              differences: r.differences.length,
            })),
          },
        },
      ]),
    );
    return report;
  }

  private async replayRound(
    m: EntityManager,
    row: EvaluationDecisionEntity,
    recorded: Record<string, unknown> | undefined,
  ): Promise<ReplayedRound> {
    const stored = JSON.parse(row.decision) as unknown;
    const facts = JSON.parse(row.facts) as Facts;
    const base = { round: row.round, rulesHash: row.rulesHash, submittedAt: row.submittedAt };
    const trailDifferences = recorded
      ? [
          ...jsonDifferences(stored, recorded.decision).map((d) => ({
            ...d,
            path: d.path.replace(/^\$/, '$.decision'),
          })),
          ...('facts' in recorded
            ? jsonDifferences(facts, recorded.facts).map((d) => ({
                ...d,
                path: d.path.replace(/^\$/, '$.facts'),
              }))
            : []),
        ]
      : [];
    const trail = !recorded ? 'missing' : trailDifferences.length ? 'differs' : 'matches';
    let rules;
    try {
      rules = await this.definitions.rulesByHash(m, row.rulesHash);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return {
        ...base,
        definitionIntact: false,
        identical: false,
        differences: [],
        trail,
        trailDifferences,
        error: error.message,
      };
    }
    const definitionIntact = hashRuleSet(rules) === row.rulesHash;
    try {
      // Through JSON, as it was stored: what the stored text cannot hold (undefined fields) does not count.
      const recomputed = JSON.parse(JSON.stringify(await decide(rules, facts, row.submittedAt))) as unknown;
      const identical = canonicalJson(recomputed) === canonicalJson(stored);
      const differences = identical ? [] : jsonDifferences(stored, recomputed);
      return { ...base, definitionIntact, identical, differences, trail, trailDifferences };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return {
        ...base,
        definitionIntact,
        identical: false,
        differences: [],
        trail,
        trailDifferences,
        error: `${error.code}: ${error.message}`,
      };
    }
  }

  /** The payloads of the case's `decision.made` events, by round. */
  private async recordedDecisions(
    m: EntityManager,
    caseId: string,
  ): Promise<Map<number, Record<string, unknown>>> {
    const events = await m.find(AuditEventEntity, {
      where: { caseId, action: 'decision.made' },
      order: { seq: 'ASC' },
      select: { seq: true, payload: true },
    });
    const byRound = new Map<number, Record<string, unknown>>();
    for (const e of events) {
      const payload = JSON.parse(e.payload) as Record<string, unknown>;
      if (typeof payload.round === 'number') byRound.set(payload.round, payload);
    }
    return byRound;
  }
}
