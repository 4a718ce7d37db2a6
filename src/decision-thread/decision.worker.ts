/**
 * The thread that decides: decide(), the canonical JSON of the facts and of the decision, and the
 * decision's outline (what the workflow reads of it), the pure and costly part of a submission (about a
 * third of its CPU), so the event loop that serves requests and hands the writer its statements is not
 * held up by it. Rule sets are sent once and kept by hash: a hash names immutable content.
 */
import { parentPort } from 'node:worker_threads';
import { canonicalJson } from '../audit/audit-hash';
import { DomainError, type DomainErrorCode } from '../common/domain-error';
import { decide } from '../decision/decide';
import type { Facts } from '../decision/decision.types';
import type { RuleSetDefinition } from '../decision/rule-set.types';
import { outlineOf } from '../workflow/workflow-context';
import type { DecisionInContext } from '../workflow/workflow.types';

export type DecisionJob = {
  id: number;
  rulesHash: string;
  /** Sent when the thread may not have this rule set yet; kept from then on. */
  rules?: RuleSetDefinition;
  facts: Facts;
  submittedAt: string;
};

export type DecisionAnswer =
  | { id: number; factsText: string; decisionBytes: Uint8Array<ArrayBuffer>; outline: DecisionInContext }
  | { id: number; unknownRules: true }
  | { id: number; domainError: { code: DomainErrorCode; message: string; details: Record<string, unknown> } }
  | { id: number; error: string };

const ruleSets = new Map<string, RuleSetDefinition>();

parentPort?.on('message', (job: DecisionJob) => {
  void run(job).then((answer) =>
    // The decision's bytes are moved, not copied: the main thread gets them as they are, off its heap.
    parentPort!.postMessage(answer, 'decisionBytes' in answer ? [answer.decisionBytes.buffer] : []),
  );
});

const utf8 = new TextEncoder();

async function run({ id, rulesHash, rules, facts, submittedAt }: DecisionJob): Promise<DecisionAnswer> {
  if (rules) ruleSets.set(rulesHash, rules);
  const known = ruleSets.get(rulesHash);
  if (!known) return { id, unknownRules: true };
  try {
    const decision = await decide(known, facts, submittedAt);
    return {
      id,
      factsText: canonicalJson(facts),
      // UTF-8 bytes in a buffer of their own (TextEncoder's), which can be moved to the main thread.
      decisionBytes: utf8.encode(canonicalJson(decision)),
      // Not copied here: the message to the main thread is a copy, and the workflow copies it again.
      outline: outlineOf(decision),
    };
  } catch (error) {
    if (error instanceof DomainError)
      return { id, domainError: { code: error.code, message: error.message, details: error.details } };
    return { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}
