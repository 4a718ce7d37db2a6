/**
 * Compiled rule sets by definition hash. A hash names immutable content, so an entry never goes stale;
 * the number of hashes is the number of rule-set versions ever loaded, which stays small.
 */
import type { RuleSetDefinition } from './rule-set.types';
import { CompiledRuleSet } from './compiled-rule-set';

const compiled = new Map<string, CompiledRuleSet>();
let builds = 0;

export function compiledRuleSetFor(rules: RuleSetDefinition): CompiledRuleSet {
  let entry = compiled.get(rules.hash);
  if (!entry) {
    entry = new CompiledRuleSet(rules.hash, rules);
    builds += 1;
    compiled.set(rules.hash, entry);
  }
  return entry;
}

/** Forgets every compiled rule set, as a restart would; for definition reloads and tests. */
export function resetRuleEngineCache(): void {
  compiled.clear();
}

/** How many rule sets are cached and how many were ever built (a build per decision would be a bug). */
export function ruleEngineCacheStats(): { size: number; builds: number } {
  return { size: compiled.size, builds };
}
