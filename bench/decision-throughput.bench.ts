/**
 * Decision throughput: our decide() against a raw json-rules-engine Engine.run over the same rules and the
 * same facts, in the same process and the same run.
 *
 * The raw engine is built straight from the loaded rule files (one Engine per rule set, as we cache ours)
 * and fed the facts our decide() hands its engine: the contract's input facts after normalisation plus the
 * derived facts, computed once up front. So the overhead measured is everything decide() adds around
 * Engine.run: checking and normalising the input, deriving facts, and building the Decision (scores,
 * route, measures, the explanation with its condition traces).
 *
 * The sides run the same inputs in alternating batches after a warm-up, the order rotating each round,
 * so JIT state, GC pressure and the load of this shared machine hit all alike; figures are medians over
 * the rounds, the overhead the median of the per-round ratios.
 *
 * A third side runs the raw engine with the two options CompiledRuleSet sets (a plain-path resolver and
 * uncached constant facts; see compiled-rule-set.ts): against it, the overhead is decide()'s own work.
 */
import { Engine, type EngineOptions, Fact, type RuleProperties } from 'json-rules-engine';
import { join } from 'node:path';
import { decide } from '../src/decision/decide';
import type { Facts } from '../src/decision/decision.types';
import { deriveFacts } from '../src/decision/derived/derive-facts';
import { normaliseFacts } from '../src/decision/normalise-facts';
import { resolvePlainPath } from '../src/decision/plain-path';
import { ACTIVITY_TYPES } from '../test/support/activity-types';
import { type RuleSetDefinition } from '../src/definitions/definition.types';
import { loadDefinitions } from '../src/definitions/load-definitions';
import { changeFacts, factFixture } from '../test/support/fact-fixtures';
import type { Benchmark } from './bench.types';

const REPO_ROOT = join(__dirname, '..');
const SUBMITTED_AT = ['2026-03-02T02:00:00.000Z', '2026-07-15T08:30:00.000Z', '2027-01-04T01:00:00.000Z'];
const WARMUP_ROUNDS = 6;
const ROUNDS = 30;
const BATCH = 300; // decisions per side per round

interface Input {
  rules: RuleSetDefinition;
  facts: Facts;
  submittedAt: string;
  engine: Engine; // the raw engine of this rule set, json-rules-engine's defaults
  configuredEngine: Engine; // the same rules with the options CompiledRuleSet uses
  engineFacts: Record<string, unknown>; // what our decide() feeds its engine for these facts
}

function rawEngine(rules: RuleSetDefinition, options: EngineOptions = {}): Engine {
  const properties: RuleProperties[] = rules.files.flatMap((file) =>
    file.rules.map((rule) => structuredClone(rule)),
  );
  return new Engine(properties, { allowUndefinedFacts: false, ...options });
}

/** The engine's facts as evaluateRuleSet builds them: the contract's present inputs, then its derived facts. */
function engineFactsOf(rules: RuleSetDefinition, facts: Facts, submittedAt: string): Record<string, unknown> {
  const normalised = normaliseFacts(rules.facts, facts);
  const derived = deriveFacts(rules.facts, normalised, submittedAt);
  const engineFacts: Record<string, unknown> = {};
  for (const name of Object.keys(rules.facts.input))
    if (normalised[name] !== undefined) engineFacts[name] = normalised[name];
  for (const name of Object.keys(rules.facts.derived).sort())
    engineFacts[name] = derived[name] === undefined ? null : derived[name];
  return engineFacts;
}

/** Low and high fixture of every type, each also with a few values moved, at three submission dates. */
function inputs(): Input[] {
  const catalogue = loadDefinitions(REPO_ROOT);
  const list: Input[] = [];
  for (const type of ACTIVITY_TYPES) {
    const rules = catalogue.definitions[type].rules;
    const engine = rawEngine(rules);
    const configuredEngine = rawEngine(rules, { pathResolver: resolvePlainPath });
    for (const variant of ['low', 'high'] as const) {
      const base = factFixture(`${type}.${variant}`);
      const variations: Facts[] = [
        base,
        changeFacts(base, { applicant: { ipManagementCertified: !base.applicant.ipManagementCertified } }),
      ];
      SUBMITTED_AT.forEach((submittedAt, i) => {
        const facts = variations[i % variations.length];
        list.push({
          rules,
          facts,
          submittedAt,
          engine,
          configuredEngine,
          engineFacts: engineFactsOf(rules, facts, submittedAt),
        });
      });
    }
  }
  return list;
}

type Side = (input: Input) => Promise<unknown>;

const SIDES: Record<'ours' | 'raw' | 'rawConfigured', Side> = {
  ours: (input) => decide(input.rules, input.facts, input.submittedAt),
  raw: (input) => input.engine.run(input.engineFacts),
  // The engine as CompiledRuleSet uses it (plain-path resolver, uncached constant facts), still fed
  // precomputed facts and building no Decision: what is left between it and `ours` is decide()'s own work.
  rawConfigured: (input) => input.configuredEngine.run(uncachedFacts(input.engineFacts)),
};

function uncachedFacts(facts: Record<string, unknown>): Record<string, Fact> {
  const constants: Record<string, Fact> = {};
  for (const id of Object.keys(facts)) constants[id] = new Fact(id, facts[id], { cache: false });
  return constants;
}

async function timeBatch(side: Side, list: Input[], count: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i += 1) await side(list[i % list.length]);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Both sides must fire the same rules on every input, or the comparison would not be like for like. */
async function checkSameRules(list: Input[]): Promise<void> {
  for (const input of list) {
    const ours = await decide(input.rules, input.facts, input.submittedAt);
    const raw = await input.engine.run(input.engineFacts);
    const oursFired = ours.explanation.fired.map((t) => t.rule).sort();
    const rawFired = raw.results.map((r) => r.name as string).sort();
    if (JSON.stringify(oursFired) !== JSON.stringify(rawFired)) {
      throw new Error(
        `decide() and the raw engine disagree on ${input.rules.type}: ${oursFired.join(',')} vs ${rawFired.join(',')}`,
      );
    }
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const decisionThroughputBench: Benchmark = {
  name: 'decision-throughput',
  async run() {
    const list = inputs();
    await checkSameRules(list);
    const names = Object.keys(SIDES) as (keyof typeof SIDES)[];
    const seconds: Record<keyof typeof SIDES, number[]> = { ours: [], raw: [], rawConfigured: [] };
    for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round += 1) {
      // Rotate which side goes first, so no side always runs right after the same other one.
      const order = names.map((_, i) => names[(i + round) % names.length]);
      for (const name of order) {
        const elapsed = await timeBatch(SIDES[name], list, BATCH);
        if (round >= WARMUP_ROUNDS) seconds[name].push(elapsed);
      }
    }
    // Per-round ratios: a slow patch on the machine (it is shared) slows both sides of a round alike.
    const ratio = (a: number[], b: number[]) => median(a.map((x, i) => x / b[i]));
    const perSecond = (s: number[]) => Math.round(BATCH / median(s));
    const overheadPercent = (ratio(seconds.ours, seconds.raw) - 1) * 100;
    const overheadOverConfiguredPercent = (ratio(seconds.ours, seconds.rawConfigured) - 1) * 100;
    const result = {
      inputs: list.length,
      rulesPerDecision: Math.round(
        list.reduce((sum, input) => sum + input.rules.files.reduce((n, f) => n + f.rules.length, 0), 0) /
          list.length,
      ),
      decisionsPerSecondOurs: perSecond(seconds.ours),
      decisionsPerSecondRawEngine: perSecond(seconds.raw),
      decisionsPerSecondRawEngineOurOptions: perSecond(seconds.rawConfigured),
      overheadPercent: Number(overheadPercent.toFixed(1)),
      overheadOverRawWithOurOptionsPercent: Number(overheadOverConfiguredPercent.toFixed(1)),
      overheadTargetPercent: 10,
      targetMet: overheadPercent <= 10,
    };
    process.stdout.write(
      `decide(): ${result.decisionsPerSecondOurs}/s   raw Engine.run: ${result.decisionsPerSecondRawEngine}/s   overhead ${result.overheadPercent}% (target <= 10%)\n` +
        `raw Engine.run with CompiledRuleSet's options: ${result.decisionsPerSecondRawEngineOurOptions}/s   decide() over it: ${result.overheadOverRawWithOurOptionsPercent}%\n`,
    );
    return result;
  },
};
