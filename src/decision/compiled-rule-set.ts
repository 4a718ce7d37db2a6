/**
 * One rule set turned into a json-rules-engine Engine, built once per definition hash and reused for every
 * decision made with that hash.
 */
import {
  Engine,
  Fact,
  type EngineResult,
  type RuleProperties,
  type TopLevelCondition,
} from 'json-rules-engine';
import { DIMENSIONS, type RuleEventType, type RuleSetDefinition } from './rule-set.types';
import { DomainError } from '../common/domain-error';
import { PLAIN_PATH, resolvePlainPath } from './plain-path';

const EVENT_TYPES: readonly RuleEventType[] = ['finding', 'hard-stop', 'route', 'mandatory-evaluation'];

/** Where a rule came from; the engine only knows rule names, the Decision needs file and order. */
export interface RuleSource {
  name: string;
  file: string;
  order: number; // position across all files of the rule set: the order decisions list rules in
  eventType: RuleEventType;
  /** The rule's event params (a private copy): what a fired rule contributes to the decision. */
  params: Readonly<Record<string, unknown>>;
}

export class CompiledRuleSet {
  private readonly engine: Engine;
  private readonly sources = new Map<string, RuleSource>();
  /** Every fact a condition reads (as `fact` or as a `{ fact }` value), sorted. */
  readonly referencedFacts: readonly string[];
  // Runs are chained one after another: the Engine keeps one `status` for all runs, and a run that
  // finishes sets it to FINISHED, which makes an overlapping run skip its rules without any error.
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly hash: string,
    definition: RuleSetDefinition,
  ) {
    const problems = contractProblems(definition);
    const rules: RuleProperties[] = [];
    const referenced = new Set<string>();
    const paths = new Set<string>();
    definition.files.forEach(({ file, rules: fileRules }) => {
      fileRules.forEach((rule, index) => {
        const ruleProblems = problemsOf(rule, definition, this.sources);
        problems.push(
          ...ruleProblems.map((p) => ({ file, place: `/rules/${index}${p.place}`, reason: p.reason })),
        );
        factsReadBy(rule.conditions).forEach((fact) => referenced.add(fact));
        pathsReadBy(rule.conditions).forEach((path) => paths.add(path));
        if (ruleProblems.length === 0) {
          const name = rule.name as string;
          this.sources.set(name, {
            name,
            file,
            order: this.sources.size,
            eventType: rule.event.type as RuleEventType,
            params: structuredClone(rule.event.params ?? {}),
          });
        }
        // A private copy: the engine keeps references to condition values, and the cached engine must not
        // change when a caller later mutates the definition (or the reverse). The engine gets the event
        // without its params: it copies a rule's event for every rule on every run, and the params (reasons
        // and bases in two languages) are read here only for the few rules that fired (source().params).
        const { params: _params, ...event } = rule.event;
        rules.push(structuredClone({ ...rule, event }));
      });
    });
    // The loader verifies all this and more, listing every problem; the checks are repeated here because
    // each of them would otherwise make a decision silently wrong rather than fail.
    if (problems.length > 0) {
      throw new DomainError('definition.invalid', `Rule set ${definition.type} cannot be compiled`, {
        problems,
      });
    }
    this.referencedFacts = [...referenced].sort();
    // Plain paths (all the loader admits) resolve without JSONPath, to the same values; anything else keeps
    // the engine's default resolver.
    const plainPaths = [...paths].every((path) => PLAIN_PATH.test(path));
    this.engine = new Engine(rules, {
      allowUndefinedFacts: false,
      ...(plainPaths ? { pathResolver: resolvePlainPath } : {}),
    });
  }

  get ruleCount(): number {
    return this.sources.size;
  }

  source(ruleName: string): RuleSource {
    const source = this.sources.get(ruleName);
    if (!source)
      throw new Error(`The engine reported rule "${ruleName}", which the rule set does not contain`);
    return source;
  }

  /** Runs every rule over these facts; the facts belong to this run only (a fresh Almanac per run). */
  run(facts: Record<string, unknown>): Promise<EngineResult> {
    // Constant facts are read straight from their Fact and never from the almanac's cache, so they are
    // handed over uncached: the engine would otherwise hash a cache key for each of them on every run.
    const constants: Record<string, Fact> = {};
    for (const id of Object.keys(facts)) constants[id] = new Fact(id, facts[id], { cache: false });
    const result = this.tail.then(() => this.engine.run(constants));
    this.tail = result.catch(() => undefined);
    return result.then((outcome) => {
      const seen = outcome.results.length + outcome.failureResults.length;
      if (seen !== this.ruleCount) {
        throw new Error(`The engine evaluated ${seen} of ${this.ruleCount} rules of rule set ${this.hash}`);
      }
      return outcome;
    });
  }
}

type Problem = { place: string; reason: string };

function contractProblems(definition: RuleSetDefinition): (Problem & { file: string })[] {
  return Object.keys(definition.facts.derived)
    .filter((name) => name in definition.facts.input)
    .map((name) => ({
      file: `rules/${definition.type}/facts.json`,
      place: `/derived/${name}`,
      reason: `"${name}" is both an input and a derived fact`,
    }));
}

/** What would make one rule unusable or its contribution miscounted; places are relative to the rule. */
function problemsOf(
  rule: RuleProperties,
  definition: RuleSetDefinition,
  known: Map<string, RuleSource>,
): Problem[] {
  const problems: Problem[] = [];
  if (typeof rule.name !== 'string' || rule.name === '')
    problems.push({ place: '/name', reason: 'rule has no name' });
  else if (known.has(rule.name))
    problems.push({ place: '/name', reason: `rule name "${rule.name}" is used twice` });

  const eventType = rule.event?.type as RuleEventType;
  if (!EVENT_TYPES.includes(eventType))
    problems.push({ place: '/event/type', reason: `unknown event type "${String(eventType)}"` });
  const params = (rule.event?.params ?? {}) as Record<string, unknown>;
  if (eventType === 'finding') {
    if (!DIMENSIONS.includes(params.dimension as never))
      problems.push({
        place: '/event/params/dimension',
        reason: `unknown dimension "${String(params.dimension)}"`,
      });
    if (typeof params.points !== 'number' || !Number.isFinite(params.points))
      problems.push({ place: '/event/params/points', reason: 'points must be a finite number' });
  }
  if (params.measure !== undefined && !definition.measures.some((m) => m.code === params.measure)) {
    problems.push({
      place: '/event/params/measure',
      reason: `measure "${String(params.measure)}" is not in the catalogue`,
    });
  }

  const contract = { ...definition.facts.input, ...definition.facts.derived };
  for (const fact of factsReadBy(rule.conditions)) {
    if (!(fact in contract))
      problems.push({ place: '/conditions', reason: `fact "${fact}" is not in the facts contract` });
  }
  return problems;
}

/** The fact ids a condition tree reads, including facts used as comparison values. */
function factsReadBy(condition: TopLevelCondition | Record<string, unknown>): string[] {
  const node = condition as Record<string, unknown>;
  for (const group of ['all', 'any'] as const) {
    if (Array.isArray(node[group])) return (node[group] as Record<string, unknown>[]).flatMap(factsReadBy);
  }
  if (node.not !== undefined && node.not !== null) return factsReadBy(node.not as Record<string, unknown>);
  const facts: string[] = [];
  if (typeof node.fact === 'string') facts.push(node.fact);
  if (isFactReference(node.value)) facts.push(node.value.fact);
  return facts;
}

/** The paths a condition tree reads, on facts and on facts used as comparison values. */
function pathsReadBy(condition: TopLevelCondition | Record<string, unknown>): string[] {
  const node = condition as Record<string, unknown>;
  for (const group of ['all', 'any'] as const) {
    if (Array.isArray(node[group])) return (node[group] as Record<string, unknown>[]).flatMap(pathsReadBy);
  }
  if (node.not !== undefined && node.not !== null) return pathsReadBy(node.not as Record<string, unknown>);
  const paths: string[] = [];
  if (node.path !== undefined) paths.push(String(node.path));
  if (isFactReference(node.value) && (node.value as { path?: unknown }).path !== undefined)
    paths.push(String((node.value as { path?: unknown }).path));
  return paths;
}

export function isFactReference(value: unknown): value is { fact: string } {
  return (
    typeof value === 'object' && value !== null && typeof (value as { fact?: unknown }).fact === 'string'
  );
}
