/**
 * The JSON Schemas of the definition files (rules/schemas/*.schema.json, named by "$schema" in each file so
 * an editor completes and checks it). They describe what this code can read, so they are read from the
 * repository beside the code, not from the definitions root an operator points the service at. Every kind
 * of definition file has one; the validators in code check only what a schema cannot say.
 */
import type { ErrorObject } from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContractAjv } from './contract-ajv';
import type Ajv2020 from 'ajv/dist/2020';
import { childPointer } from './json-pointer';
import { shown, type Report } from './json-shape';

export const SCHEMAS_DIR = join(__dirname, '..', '..', 'rules', 'schemas');

/** The annotation a schema node gives the reason for its own failure with; "{found}" is the value found. */
const REASON_KEY = 'x-reason';
const COMBINATORS = ['if', 'anyOf', 'oneOf', 'allOf'];

let schemas: Ajv2020 | undefined;

/** One validator holding every schema by file name (`facts.schema.json`), compiled once per process. */
function definitionSchemas(): Ajv2020 {
  if (schemas) return schemas;
  const ajv = createContractAjv({ verbose: true, strictRequired: false });
  for (const name of readdirSync(SCHEMAS_DIR).filter((file) => file.endsWith('.schema.json')))
    ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS_DIR, name), 'utf8')), name);
  schemas = ajv;
  return ajv;
}

/**
 * Reports every way `document` breaks the schema (a file name, or a file name and a pointer into it, as
 * `workflow.schema.json#/$defs/meta`), each at its JSON pointer below `place` with a reason.
 */
export function checkAgainstSchema(
  schemaRef: string,
  document: unknown,
  report: Report,
  place = '',
): boolean {
  const validate = definitionSchemas().getSchema(schemaRef);
  if (!validate) throw new Error(`No definition schema ${schemaRef} in ${SCHEMAS_DIR}`);
  if (validate(document)) return true;
  for (const problem of schemaProblems(validate.errors ?? [])) report(place + problem.place, problem.reason);
  return false;
}

/**
 * ajv's errors as places and reasons an officer can act on. A node that gives its own reason (x-reason)
 * speaks for the checks beneath it and for the generic errors at the same place. The errors of the
 * branches that explain why a combination failed (if/then, anyOf) repeat the real one, so they are left
 * out when it is there.
 */
export function schemaProblems(errors: readonly ErrorObject[]): { place: string; reason: string }[] {
  const explained = errors.filter((error) => typeof givenReason(error) === 'string');
  const covered = (error: ErrorObject) =>
    !explained.includes(error) &&
    explained.some(
      (by) => error.schemaPath.startsWith(`${by.schemaPath}/`) || placeOf(error) === placeOf(by),
    );
  const kept = errors.filter((error) => !covered(error));
  const specific = kept.filter((error) => explained.includes(error) || !COMBINATORS.includes(error.keyword));
  const seen = new Set<string>();
  return (specific.length > 0 ? specific : kept)
    .map((error) => ({ place: placeOf(error), reason: reasonOf(error) }))
    .filter(({ place, reason }) => {
      const key = `${place}\n${reason}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/**
 * Keywords whose errors are about another key than the node's value (one missing, one too many, a name):
 * they say so themselves, and a node's own reason does not speak for them.
 */
const KEY_KEYWORDS = ['required', 'additionalProperties', 'dependentRequired', 'propertyNames', 'if'];

function givenReason(error: ErrorObject): string | undefined {
  if (KEY_KEYWORDS.includes(error.keyword)) return undefined;
  const schema = error.parentSchema as Record<string, unknown> | undefined;
  const reason = schema?.[REASON_KEY];
  return typeof reason === 'string' ? reason : undefined;
}

function placeOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return childPointer(error.instancePath, String(params.missingProperty));
  if (error.keyword === 'additionalProperties')
    return childPointer(error.instancePath, String(params.additionalProperty));
  // A key that needs another is where the fix starts: remove it, or add the other.
  if (error.keyword === 'dependentRequired') return childPointer(error.instancePath, String(params.property));
  // A property name that breaks propertyNames is reported at the property it names.
  if (typeof error.propertyName === 'string') return childPointer(error.instancePath, error.propertyName);
  if (error.keyword === 'propertyNames') return childPointer(error.instancePath, String(params.propertyName));
  return error.instancePath;
}

function reasonOf(error: ErrorObject): string {
  const given = givenReason(error);
  if (given !== undefined) return given.replace('{found}', shown(foundOf(error)));
  const params = error.params as Record<string, unknown>;
  const key = error.instancePath.split('/').pop() ?? '';
  switch (error.keyword) {
    case 'required':
      return `required key "${String(params.missingProperty)}" is missing`;
    case 'dependentRequired':
      return `"${String(params.property)}" needs "${String(params.missingProperty)}" beside it`;
    case 'additionalProperties': {
      // "$schema" and "$comment" are allowed everywhere they are declared; listing them would hide the real keys.
      const declared = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      const allowed = declared.filter((name) => !name.startsWith('$'));
      const list = allowed.length > 0 ? ` (allowed: ${allowed.join(', ')})` : '';
      return `unknown key "${String(params.additionalProperty)}"${list}`;
    }
    case 'false schema':
      return `key "${key}" is not allowed here`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, found ${shown(error.data)}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}, found ${shown(error.data)}`;
    case 'propertyNames':
      return `name "${String(params.propertyName)}" is not allowed`;
    case 'pattern':
      return `${shown(error.data)} must match ${String(params.pattern)}`;
    default:
      return `${error.message ?? 'is not valid'}, found ${shown(error.data)}`;
  }
}

/** The value a failing node was given: for a property name, the name. */
function foundOf(error: ErrorObject): unknown {
  return typeof error.propertyName === 'string' ? error.propertyName : error.data;
}
