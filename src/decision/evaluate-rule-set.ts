/**
 * The decision proper: runs a compiled rule set over facts that are already normalised and derived, and
 * turns the engine's results into a Decision. Kept apart from decide() so it can be tested with synthetic
 * rule sets and hand-picked derived facts.
 */
import type { RuleResult } from 'json-rules-engine';
import {
  DIMENSIONS,
  type Dimension,
  type FindingParams,
  type HardStopParams,
  type RouteParams,
  type RuleSetDefinition,
} from '../definitions/definition.types';
import { DomainError } from '../common/domain-error';
import type { Decision, Finding, HardStop, RuleTrace } from './decision.types';
import { buildRoute, type FiredRoute } from './build-route';
import type { CompiledRuleSet, RuleSource } from './compiled-rule-set';
import { traceConditions } from './condition-trace';
import { adviseMeasures } from './measure-advice';
import { missingFactsError } from './normalise-facts';
import { compiledRuleSetFor } from './rule-engine-cache';
import { riskLevel } from './risk-level';

interface RuleOutcome {
  source: RuleSource;
  fired: boolean;
  params: Record<string, unknown>;
  trace: RuleTrace;
}

export async function evaluateRuleSet(
  rules: RuleSetDefinition,
  inputFacts: Record<string, unknown>,
  derivedFacts: Record<string, unknown>,
  submittedAt: string,
): Promise<Decision> {
  const compiled = compiledRuleSetFor(rules);
  const contractDerived = contractDerivedFacts(rules, derivedFacts);
  const outcomes = await runRules(compiled, engineFacts(rules, inputFacts, contractDerived));

  const fired = (type: string) => outcomes.filter((o) => o.fired && o.source.eventType === type);
  const findings = fired('finding').map(toFinding).sort(byPointsThenRule);
  const hardStops = fired('hard-stop').map(toHardStop);
  const dimensions = Object.fromEntries(DIMENSIONS.map((d) => [d, 0])) as Record<Dimension, number>;
  for (const finding of findings) dimensions[finding.dimension] += finding.points;
  const score = findings.reduce((sum, finding) => sum + finding.points, 0);
  const level = riskLevel(score, rules.levels);
  const routes: FiredRoute[] = fired('route').map((o) => ({ rule: o.source.name, params: o.params as unknown as RouteParams }));

  return {
    type: rules.type,
    definitionHash: rules.hash,
    submittedAt,
    score,
    level,
    dimensions,
    findings,
    hardStops,
    measures: adviseMeasures(findings, hardStops, rules.measures),
    route: buildRoute(rules.routeDefaults, routes, level, hardStops),
    derivedFacts: contractDerived,
    explanation: {
      fired: outcomes.filter((o) => o.fired).map((o) => o.trace),
      notFired: outcomes.filter((o) => !o.fired).map((o) => o.trace),
    },
  };
}

/**
 * The derived facts the definition declares, in name order. Restricting to the contract keeps a pinned
 * (older) definition's decisions unchanged when the code learns to derive more; a declared fact the code
 * does not derive means definition and code disagree, which no client can fix.
 */
function contractDerivedFacts(rules: RuleSetDefinition, derived: Record<string, unknown>): Record<string, unknown> {
  const names = Object.keys(rules.facts.derived).sort();
  const missing = names.filter((name) => !(name in derived));
  if (missing.length > 0) {
    throw new DomainError('definition.invalid', `Derived facts not computed for ${rules.type}: ${missing.join(', ')}`, { missing });
  }
  return Object.fromEntries(names.map((name) => [name, derived[name] === undefined ? null : structuredClone(derived[name])]));
}

/**
 * Only the contract's facts reach the engine, so a rule reading anything else fails instead of passing on a
 * stray client field. A required input that is absent (or undefined) stays absent: the engine, built with
 * allowUndefinedFacts:false, would reject it; we name every such fact up front instead of the first one met.
 */
function engineFacts(rules: RuleSetDefinition, input: Record<string, unknown>, derived: Record<string, unknown>): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const name of Object.keys(rules.facts.input)) {
    if (input[name] !== undefined) facts[name] = input[name];
  }
  return Object.assign(facts, derived);
}

async function runRules(compiled: CompiledRuleSet, facts: Record<string, unknown>): Promise<RuleOutcome[]> {
  const missing = compiled.referencedFacts.filter((name) => !(name in facts));
  if (missing.length > 0) throw missingFactsError(missing);
  let results: RuleResult[];
  try {
    const outcome = await compiled.run(facts);
    results = [...outcome.results, ...outcome.failureResults];
  } catch (error) {
    const fact = undefinedFact(error);
    throw fact === undefined ? error : missingFactsError([fact]);
  }
  // The engine reports rules as their promises settle; the rule-set order is what stays put.
  return results.map((result) => toOutcome(compiled.source(result.name), result)).sort((a, b) => a.source.order - b.source.order);
}

function toOutcome(source: RuleSource, result: RuleResult): RuleOutcome {
  const fired = result.result === true;
  return {
    source,
    fired,
    params: (result.event?.params ?? {}) as Record<string, unknown>,
    trace: { rule: source.name, file: source.file, eventType: source.eventType, fired, conditions: traceConditions(result.conditions) },
  };
}

/** The fact named by json-rules-engine's UndefinedFactError ("Undefined fact: <id>"), if that is the error. */
function undefinedFact(error: unknown): string | undefined {
  if (!(error instanceof Error) || (error as Error & { code?: string }).code !== 'UNDEFINED_FACT') return undefined;
  return error.message.replace(/^Undefined fact:\s*/, '');
}

// Findings and hard stops are built field by field from the engine's copy of the params: the Decision
// carries exactly the documented fields and shares no object with the engine or the cached rules.
function toFinding({ source, params }: RuleOutcome): Finding {
  const p = params as unknown as FindingParams;
  const finding: Finding = { rule: source.name, dimension: p.dimension, points: p.points, reason: { zh: p.reason.zh, en: p.reason.en }, basis: p.basis };
  if (p.measure !== undefined) finding.measure = p.measure;
  return finding;
}

function toHardStop({ source, params }: RuleOutcome): HardStop {
  const p = params as unknown as HardStopParams;
  const hardStop: HardStop = { rule: source.name, reason: { zh: p.reason.zh, en: p.reason.en }, basis: p.basis };
  if (p.measure !== undefined) hardStop.measure = p.measure;
  return hardStop;
}

// Code-unit comparison, not localeCompare: the order must not depend on the ICU data of the machine.
function byPointsThenRule(a: Finding, b: Finding): number {
  if (a.points !== b.points) return b.points - a.points;
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}
