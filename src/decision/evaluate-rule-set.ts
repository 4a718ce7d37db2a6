/**
 * The decision proper: runs a compiled rule set over facts that are already normalised and derived, and
 * turns the engine's results into a Decision. Kept apart from decide() so it can be tested with synthetic
 * rule sets and hand-picked derived facts.
 */
import type { EngineResult, RuleResult } from 'json-rules-engine';
import {
  DIMENSIONS,
  type Dimension,
  type FindingParams,
  type HardStopParams,
  type MandatoryEvaluationParams,
  type RouteParams,
  type RuleSetDefinition,
} from './rule-set.types';
import { DomainError } from '../common/domain-error';
import type { Decision, Finding, HardStop, MandatoryEvaluation, RuleTrace } from './decision.types';
import { buildRoute, type FiredRoute } from './build-route';
import type { CompiledRuleSet, RuleSource } from './compiled-rule-set';
import { traceConditions } from './condition-trace';
import { copyJson } from './json-copy';
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

  // One pass in rule-set order (this runs on every decision, so no filter per event type).
  const findings: Finding[] = [];
  const hardStops: HardStop[] = [];
  const routes: FiredRoute[] = [];
  const mandatory: { rule: string; params: MandatoryEvaluationParams }[] = [];
  const firedTraces: RuleTrace[] = [];
  const notFiredTraces: RuleTrace[] = [];
  for (const outcome of outcomes) {
    if (!outcome.fired) {
      notFiredTraces.push(outcome.trace);
      continue;
    }
    firedTraces.push(outcome.trace);
    const eventType = outcome.source.eventType;
    if (eventType === 'finding') findings.push(toFinding(outcome));
    else if (eventType === 'hard-stop') hardStops.push(toHardStop(outcome));
    else if (eventType === 'route')
      routes.push({ rule: outcome.source.name, params: outcome.params as unknown as RouteParams });
    else if (eventType === 'mandatory-evaluation')
      mandatory.push({
        rule: outcome.source.name,
        params: outcome.params as unknown as MandatoryEvaluationParams,
      });
  }
  findings.sort(byPointsThenRule);
  const dimensions = Object.fromEntries(DIMENSIONS.map((d) => [d, 0])) as Record<Dimension, number>;
  let score = 0;
  for (const finding of findings) {
    dimensions[finding.dimension] += finding.points;
    score += finding.points;
  }
  const level = riskLevel(score, rules.levels);

  const decision: Decision = {
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
    explanation: { fired: firedTraces, notFired: notFiredTraces },
  };
  const mandatoryEvaluation = mandatoryEvaluationOf(rules, mandatory);
  if (mandatoryEvaluation === undefined) return decision;
  // Placed after the route, as a reader of the decision expects it; built so for byte-stable JSON.
  const { derivedFacts: derived, explanation, ...head } = decision;
  return { ...head, mandatoryEvaluation, derivedFacts: derived, explanation };
}

/**
 * Required when a mandatory-evaluation rule fired: the reasons and bases of all that fired, joined in rule
 * order. Otherwise the type's reason why the evaluation is voluntary; nothing for a rule set written before
 * the decision carried this (its decisions must replay unchanged).
 */
function mandatoryEvaluationOf(
  rules: RuleSetDefinition,
  fired: { rule: string; params: MandatoryEvaluationParams }[],
): MandatoryEvaluation | undefined {
  if (fired.length > 0) {
    return {
      required: true,
      reason: {
        zh: fired.map((f) => f.params.reason.zh).join('；'),
        en: fired.map((f) => f.params.reason.en).join('; '),
      },
      basis: [...new Set(fired.map((f) => f.params.basis))].join('；'),
      rules: fired.map((f) => f.rule),
    };
  }
  const voluntary = rules.routeDefaults.evaluationNotMandatory;
  if (voluntary === undefined) return undefined;
  return {
    required: false,
    reason: { zh: voluntary.reason.zh, en: voluntary.reason.en },
    basis: voluntary.basis,
    rules: [],
  };
}

/**
 * The derived facts the definition declares, in name order. Restricting to the contract keeps a pinned
 * (older) definition's decisions unchanged when the code learns to derive more; a declared fact the code
 * does not derive means definition and code disagree, which no client can fix.
 */
function contractDerivedFacts(
  rules: RuleSetDefinition,
  derived: Record<string, unknown>,
): Record<string, unknown> {
  const names = contractNames(rules.facts.derived, true);
  const missing = names.filter((name) => !(name in derived));
  if (missing.length > 0) {
    throw new DomainError(
      'definition.invalid',
      `Derived facts not computed for ${rules.type}: ${missing.join(', ')}`,
      { missing },
    );
  }
  const contract: Record<string, unknown> = {};
  for (const name of names) contract[name] = derived[name] === undefined ? null : copyJson(derived[name]);
  return contract;
}

/**
 * Only the contract's facts reach the engine, so a rule reading anything else fails instead of passing on a
 * stray client field. A required input that is absent (or undefined) stays absent: the engine, built with
 * allowUndefinedFacts:false, would reject it; we name every such fact up front instead of the first one met.
 */
function engineFacts(
  rules: RuleSetDefinition,
  input: Record<string, unknown>,
  derived: Record<string, unknown>,
): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const name of contractNames(rules.facts.input, false)) {
    if (input[name] !== undefined) facts[name] = input[name];
  }
  return Object.assign(facts, derived);
}

// The fact names of a loaded (frozen, so unchanging) contract section, listed once rather than per decision.
const namesOfFrozen = new WeakMap<object, { listed: readonly string[]; sorted: readonly string[] }>();

function contractNames(section: Record<string, unknown>, sorted: boolean): readonly string[] {
  let names = namesOfFrozen.get(section);
  if (!names) {
    const listed = Object.keys(section);
    names = { listed, sorted: [...listed].sort() };
    if (Object.isFrozen(section)) namesOfFrozen.set(section, names);
  }
  return sorted ? names.sorted : names.listed;
}

async function runRules(compiled: CompiledRuleSet, facts: Record<string, unknown>): Promise<RuleOutcome[]> {
  const missing = compiled.referencedFacts.filter((name) => !(name in facts));
  if (missing.length > 0) throw missingFactsError(missing);
  let engineOutcome: EngineResult;
  try {
    engineOutcome = await compiled.run(facts);
  } catch (error) {
    const fact = undefinedFact(error);
    throw fact === undefined ? error : missingFactsError([fact]);
  }
  const outcomes: RuleOutcome[] = [];
  for (const result of engineOutcome.results) outcomes.push(toOutcome(compiled.source(result.name), result));
  for (const result of engineOutcome.failureResults)
    outcomes.push(toOutcome(compiled.source(result.name), result));
  // The engine reports rules as their promises settle; the rule-set order is what stays put.
  return outcomes.sort((a, b) => a.source.order - b.source.order);
}

function toOutcome(source: RuleSource, result: RuleResult): RuleOutcome {
  const fired = result.result === true;
  return {
    source,
    fired,
    // A copy for the rules that fired, so the Decision shares no object with the cached rule set.
    params: fired ? (copyJson(source.params) as Record<string, unknown>) : {},
    trace: {
      rule: source.name,
      file: source.file,
      eventType: source.eventType,
      fired,
      conditions: traceConditions(result.conditions),
    },
  };
}

/** The fact named by json-rules-engine's UndefinedFactError ("Undefined fact: <id>"), if that is the error. */
function undefinedFact(error: unknown): string | undefined {
  if (!(error instanceof Error) || (error as Error & { code?: string }).code !== 'UNDEFINED_FACT')
    return undefined;
  return error.message.replace(/^Undefined fact:\s*/, '');
}

// Findings and hard stops are built field by field from the fired rule's copy of its params: the Decision
// carries exactly the documented fields and shares no object with the engine or the cached rules.
function toFinding({ source, params }: RuleOutcome): Finding {
  const p = params as unknown as FindingParams;
  const finding: Finding = {
    rule: source.name,
    dimension: p.dimension,
    points: p.points,
    reason: { zh: p.reason.zh, en: p.reason.en },
    basis: p.basis,
  };
  if (p.measure !== undefined) finding.measure = p.measure;
  return finding;
}

function toHardStop({ source, params }: RuleOutcome): HardStop {
  const p = params as unknown as HardStopParams;
  const hardStop: HardStop = {
    rule: source.name,
    reason: { zh: p.reason.zh, en: p.reason.en },
    basis: p.basis,
  };
  if (p.measure !== undefined) hardStop.measure = p.measure;
  return hardStop;
}

// Code-unit comparison, not localeCompare: the order must not depend on the ICU data of the machine.
function byPointsThenRule(a: Finding, b: Finding): number {
  if (a.points !== b.points) return b.points - a.points;
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}
