import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { CanonicalJson } from '../audit/audit-hash';
import { DomainError } from '../common/domain-error';
import { WorkerThread } from '../common/worker-thread';
import type { Facts } from '../decision/decision.types';
import type { RuleSetDefinition } from '../decision/rule-set.types';
import type { DecisionTexts } from '../evaluations/case.repository';
import type { DecisionInContext } from '../workflow/workflow.types';
import type { DecisionAnswer, DecisionJob } from './decision.worker';

/**
 * A decision as it is stored, the one canonical text of it and of its facts, and its outline: the part the
 * workflow and the case row read (level, score, route, hard stops...). The whole decision (~20 kB of
 * findings and rule traces) stays UTF-8 bytes on the main thread: it is hashed, written and answered as
 * those bytes; parsing it there, or even holding it as a string, only made garbage that lived through the
 * wait for the writer.
 */
export interface Decided {
  outline: DecisionInContext;
  canonical: DecisionTexts;
}

/**
 * The thread's heap: a small young generation (a decision's garbage is short-lived; a larger one only adds
 * memory), and a cap on the old generation far above what it holds (~10–20 MiB: the rule sets and their
 * compiled engines), so a thread that ran away fails alone and is started again.
 */
const DECISION_THREAD_LIMITS = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 64 };

/**
 * decide() on a worker thread (decision.worker.ts). The same pure function gives the same decision on any
 * thread; what comes back is its canonical text (what the database holds and gives back on every later
 * read) and its outline, made from the same decision on that thread.
 */
@Injectable()
export class DecisionThread implements OnApplicationShutdown {
  private readonly thread = new WorkerThread<Omit<DecisionJob, 'id'>, DecisionAnswer>(
    __dirname,
    'decision.worker',
    DECISION_THREAD_LIMITS,
  );
  /** Rule sets sent to the thread; a thread started again says so (`unknownRules`) and is sent them again. */
  private readonly sent = new Set<string>();

  async decide(rules: RuleSetDefinition, facts: Facts, submittedAt: string): Promise<Decided> {
    const job = { rulesHash: rules.hash, facts, submittedAt };
    let answer = await this.thread.send(this.sent.has(rules.hash) ? job : { ...job, rules });
    if ('unknownRules' in answer) answer = await this.thread.send({ ...job, rules });
    this.sent.add(rules.hash);
    if ('domainError' in answer)
      throw new DomainError(answer.domainError.code, answer.domainError.message, answer.domainError.details);
    if ('error' in answer) throw new Error(`The decision thread failed: ${answer.error}`);
    if ('unknownRules' in answer) throw new Error(`The decision thread lost rule set ${rules.hash}`);
    return {
      outline: answer.outline,
      canonical: {
        facts: new CanonicalJson(answer.factsText),
        decision: new CanonicalJson(answer.decisionBytes),
      },
    };
  }

  /** After the HTTP server closed (Nest's order), so requests still in flight at shutdown get their answer. */
  onApplicationShutdown(): Promise<void> {
    return this.thread.stop();
  }
}
