/**
 * Turns the condition tree of a json-rules-engine RuleResult into the flat list an auditor reads: each leaf
 * condition with the value the engine saw. `place` (a JSON pointer into the rule's `conditions`) keeps
 * what the flat list would lose, e.g. that a condition sits under `not`, so its `result: true` counted
 * against the rule.
 */
import type { ConditionTrace } from './decision.types';
import { isFactReference } from './compiled-rule-set';
import { copyJson } from './json-copy';

/** A condition node after evaluation (the shape of json-rules-engine's Condition with its results). */
interface EvaluatedCondition {
  all?: EvaluatedCondition[];
  any?: EvaluatedCondition[];
  not?: EvaluatedCondition;
  fact?: string;
  path?: string;
  operator?: string;
  value?: unknown;
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
}

export function traceConditions(root: unknown): ConditionTrace[] {
  const traces: ConditionTrace[] = [];
  collect(root as EvaluatedCondition, '', traces);
  return traces;
}

function collect(node: EvaluatedCondition, place: string, traces: ConditionTrace[]): void {
  if (Array.isArray(node.all))
    return node.all.forEach((child, i) => collect(child, `${place}/all/${i}`, traces));
  if (Array.isArray(node.any))
    return node.any.forEach((child, i) => collect(child, `${place}/any/${i}`, traces));
  if (node.not !== undefined) return collect(node.not, `${place}/not`, traces);
  traces.push(leafTrace(node, place));
}

function leafTrace(node: EvaluatedCondition, place: string): ConditionTrace {
  const trace: ConditionTrace = {
    place,
    fact: String(node.fact),
    operator: String(node.operator),
    value: jsonValue(node.value),
    // JSON has no undefined: a path that matched nothing (or a condition the engine skipped) reads as null,
    // so a stored Decision and a recomputed one compare equal.
    factResult: jsonValue(node.factResult),
    // Without priorities (the rule files use none) the engine evaluates every condition, so a missing
    // result only means "did not hold".
    result: node.result === true,
  };
  if (node.path) trace.path = node.path;
  if (isFactReference(node.value)) trace.valueResult = jsonValue(node.valueResult);
  return trace;
}

/** A private copy, so the Decision shares nothing with the engine or the caller's facts. */
function jsonValue(value: unknown): unknown {
  return value === undefined ? null : copyJson(value);
}
