/**
 * Derived facts as data (rules/<type>/derived.json): each is a call of a named pure function of the input
 * facts, earlier derived facts and the submission date, the way workflow guards are named. The core owns
 * the shape; the loader checks every name, parameter and fact read before a rule set is built.
 */
/**
 * A value: a constant (string, number, boolean, null, or a list of values), the value of a fact
 * (`{ "fact": "exhibition.opensOn" }`, null where the path finds nothing), or a call
 * (`{ "fn": "daysUntil", "args": { "date": { "fact": "exhibition.opensOn" } } }`).
 */
export type Expression = string | number | boolean | null | Expression[] | FactRead | FunctionCall;
export interface FactRead {
  fact: string; // a fact name, then `.field` segments into objects
}
export interface FunctionCall {
  fn: string;
  args?: Record<string, Expression>;
}

export function isFactRead(expression: unknown): expression is FactRead {
  return typeof expression === 'object' && expression !== null && 'fact' in expression;
}

export function isFunctionCall(expression: unknown): expression is FunctionCall {
  return typeof expression === 'object' && expression !== null && 'fn' in expression;
}
