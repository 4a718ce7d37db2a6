/**
 * Computes a rule set's derived facts from its declarations (rules/shared/derived.json, then the type's),
 * in declaration order, so a derived fact may read the ones declared before it. Pure: the input facts and
 * the submission instant in, the derived values out.
 */
import type { DerivedFactSpec, FactContract } from '../rule-set.types';
import { chinaDate } from './dates';
import { type DerivationContext, DERIVATION_FUNCTIONS } from './derivation-functions';
import { type Expression, isFactRead, isFunctionCall } from './derivation.types';

export function deriveFacts(
  contract: FactContract,
  facts: Record<string, unknown>,
  submittedAt: string,
): Record<string, unknown> {
  const context: DerivationContext = { submissionDate: chinaDate(submittedAt) };
  const derived: Record<string, unknown> = {};
  const scope = { ...facts };
  for (const [name, spec] of Object.entries(contract.derived)) {
    const value = evaluate((spec as DerivedFactSpec).compute, scope, context);
    derived[name] = value;
    scope[name] = value;
  }
  return derived;
}

export function evaluate(
  expression: Expression,
  scope: Record<string, unknown>,
  context: DerivationContext,
): unknown {
  if (Array.isArray(expression)) return expression.map((item) => evaluate(item, scope, context));
  if (isFactRead(expression)) return readPath(scope, expression.fact);
  if (isFunctionCall(expression)) {
    const fn = DERIVATION_FUNCTIONS[expression.fn];
    // The loader refuses unknown names; a stored version naming one is a broken version, not bad input.
    if (!fn || !Object.hasOwn(DERIVATION_FUNCTIONS, expression.fn))
      throw new Error(`Unknown derivation function "${expression.fn}"`);
    const args = Object.fromEntries(
      Object.entries(expression.args ?? {}).map(([name, arg]) => [name, evaluate(arg, scope, context)]),
    );
    return fn.run(args, context);
  }
  return expression;
}

function readPath(scope: Record<string, unknown>, path: string): unknown {
  let value: unknown = scope;
  for (const segment of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return null;
    value = (value as Record<string, unknown>)[segment];
  }
  return value ?? null;
}
