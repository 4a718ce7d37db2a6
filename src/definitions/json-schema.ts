/**
 * The subset of JSON Schema (draft 2020-12) a facts contract is written in, and the two readings the loader
 * makes of it: the request schema (an optional fact may also be null) and the FactSpec tree the decision
 * core works with (which facts exist, which are optional, their kinds).
 */
import type { FactContract, FactKind, FactSpec, JsonSchema } from './definition.types';

export type { JsonSchema };

/** The schema a request's facts are checked with: without "$schema" (which names the contract's own
 * schema, for editors) and with optional facts nullable. */
export function requestSchemaOf(contract: JsonSchema): JsonSchema {
  const { $schema: _editorSchema, ...schema } = contract;
  return nullableOptionals(schema);
}

/**
 * A copy in which every property an object does not require also accepts null: clients may send an
 * absent optional fact either way, and the rules see null for both.
 */
export function nullableOptionals(schema: JsonSchema): JsonSchema {
  const copy: JsonSchema = { ...schema };
  if (schema.properties) {
    const required = new Set(schema.required ?? []);
    copy.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([name, property]) => {
        const inner = nullableOptionals(property);
        return [name, required.has(name) ? inner : orNull(inner)];
      }),
    );
  }
  if (schema.items) copy.items = nullableOptionals(schema.items);
  return copy;
}

function orNull(schema: JsonSchema): JsonSchema {
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  return {
    ...schema,
    ...(types.length > 0 && !types.includes('null') ? { type: [...types, 'null'] } : {}),
    ...(schema.enum && !schema.enum.includes(null) ? { enum: [...schema.enum, null] } : {}),
  };
}

/** The kind of fact a schema node describes, as the rules and the forms see it. */
export function factKindOf(schema: JsonSchema): FactKind | undefined {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'string') {
    if (schema.enum) return 'enum';
    if (schema.format === 'date') return 'date';
    if (schema.format === 'country') return 'country';
    return 'string';
  }
  if (type === 'integer' || type === 'number' || type === 'boolean' || type === 'object' || type === 'array')
    return type;
  return undefined; // refused by the facts schema before the catalogue is built
}

/** The FactSpec of one schema node; `required` says whether its parent requires it. */
export function factSpecOf(schema: JsonSchema, required: boolean): FactSpec {
  const kind = factKindOf(schema);
  const spec: FactSpec = { kind: kind as FactKind, label: schema['x-label'] ?? { zh: '', en: '' } };
  if (!required) spec.required = false;
  if (kind === 'enum') spec.values = (schema.enum ?? []).map(String);
  if (schema.minimum !== undefined) spec.min = schema.minimum;
  if (schema.maximum !== undefined) spec.max = schema.maximum;
  if (kind === 'object') spec.fields = fieldsOf(schema);
  if (kind === 'array' && schema.items) spec.items = factSpecOf(schema.items, true);
  return spec;
}

export function fieldsOf(schema: JsonSchema): Record<string, FactSpec> {
  const required = new Set(schema.required ?? []);
  return Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, property]) => [
      name,
      factSpecOf(property, required.has(name)),
    ]),
  );
}

/** The input facts of a contract (its top-level properties) with the derived facts declared beside it. */
export function factContractOf(schema: JsonSchema, derived: FactContract['derived']): FactContract {
  return { input: fieldsOf(schema), derived };
}
