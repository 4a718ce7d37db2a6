/**
 * The JSON Schemas of the definition files (rules/schemas/*.schema.json, named by "$schema" in each file so
 * an editor completes and checks it). They describe what this code can read, so they are read from the
 * repository beside the code, not from the definitions root an operator points the service at.
 */
import type { ErrorObject } from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContractAjv, type ValidateFunction } from './contract-ajv';
import { childPointer } from './json-pointer';
import { shown, type Report } from './json-shape';

export const SCHEMAS_DIR = join(__dirname, '..', '..', 'rules', 'schemas');

let validators: Map<string, ValidateFunction> | undefined;

/** Validators by file name (`facts.schema.json`), compiled once per process. */
function schemaValidators(): Map<string, ValidateFunction> {
  if (validators) return validators;
  const ajv = createContractAjv({ verbose: true, strictRequired: false });
  const files = readdirSync(SCHEMAS_DIR).filter((name) => name.endsWith('.schema.json'));
  for (const name of files) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS_DIR, name), 'utf8')), name);
  validators = new Map(files.map((name) => [name, ajv.getSchema(name)!]));
  return validators;
}

/** Reports every way `document` breaks the schema, each at its JSON pointer with a reason. */
export function checkAgainstSchema(schemaName: string, document: unknown, report: Report): boolean {
  const validate = schemaValidators().get(schemaName);
  if (!validate) throw new Error(`No definition schema ${schemaName} in ${SCHEMAS_DIR}`);
  if (validate(document)) return true;
  for (const problem of schemaProblems(validate.errors ?? [])) report(problem.place, problem.reason);
  return false;
}

/**
 * ajv's errors as places and reasons an officer can act on. The errors of the branches that explain why a
 * combination failed (if/then, anyOf) repeat the real one, so they are left out when it is there.
 */
export function schemaProblems(errors: readonly ErrorObject[]): { place: string; reason: string }[] {
  const specific = errors.filter((error) => !['if', 'anyOf', 'oneOf', 'allOf'].includes(error.keyword));
  const seen = new Set<string>();
  return (specific.length > 0 ? specific : errors)
    .map((error) => ({ place: placeOf(error), reason: reasonOf(error) }))
    .filter(({ place, reason }) => {
      const key = `${place}\n${reason}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

function placeOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return childPointer(error.instancePath, String(params.missingProperty));
  if (error.keyword === 'additionalProperties')
    return childPointer(error.instancePath, String(params.additionalProperty));
  return error.instancePath;
}

function reasonOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const key = error.instancePath.split('/').pop() ?? '';
  switch (error.keyword) {
    case 'required':
      return `required key "${String(params.missingProperty)}" is missing`;
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
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
