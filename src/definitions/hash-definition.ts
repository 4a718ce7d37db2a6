/**
 * Content addresses of definitions: sha-256 (hex) of the RFC 8785 canonical JSON (sorted keys, fixed number
 * and string forms), so a hash depends on what a definition says and not on key order or whitespace.
 *
 * The hash covers the loaded definition exactly as it is kept and used, "$comment" included wherever the
 * definition carries one (on the machine, a state, a rule, a fact spec): stripping would need a deep
 * rewrite of every part before hashing, and the stored canonical JSON of a version (definition_versions)
 * would then differ from what produced its hash. The price is a new version for a comment-only edit, which
 * is honest: the text an officer reviewed changed. The top-level "$comment" of a rule, facts, levels or
 * routing file is not part of the loaded RuleSetDefinition, so it is not hashed.
 */
import { createHash } from 'node:crypto';
// The same canonical JSON as the version store keeps (definitions.service.ts), so a stored version's text
// is exactly what its hash was computed from.
import { canonicalJson } from '../audit/audit-hash';
import type { MachineConfigJson, RuleSetDefinition } from './definition.types';

export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}

/** What a rule-set hash covers: the definition without its hash. */
export type RuleSetContent = Omit<RuleSetDefinition, 'hash'>;

export function ruleSetContent(rules: RuleSetDefinition | RuleSetContent): RuleSetContent {
  const { hash: _hash, ...content } = rules as RuleSetDefinition;
  return content;
}

export function hashRuleSet(rules: RuleSetDefinition | RuleSetContent): string {
  return contentHash(ruleSetContent(rules));
}

export function hashWorkflow(machine: MachineConfigJson): string {
  return contentHash(machine);
}
