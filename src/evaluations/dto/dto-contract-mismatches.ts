import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { FactKind, FactSpec } from '../../definitions/definition.types';

/**
 * The facts contract is data (rules/<type>/facts.json, rules/shared/facts.json) while the DTOs that check
 * requests are code, so nothing but a comparison keeps them in step: this lists every difference between a
 * DTO class and the input facts of a contract — names, optionality, kind, enum values, contract bounds —
 * recursing into nested objects and array items. A DTO may be stricter than the contract (a sanity maximum
 * where the contract has none) but never looser or different. An empty list means they agree. Besides the
 * unit test, the definitions loader may call it at start so an operator's facts.json edit is caught early.
 */
export function dtoContractMismatches(
  dto: ClassConstructor<object>,
  fields: Record<string, FactSpec>,
  path: string,
): string[] {
  const validated = validatedProperties(dto);
  const problems: string[] = [];
  for (const name of Object.keys(fields)) {
    if (!validated.has(name)) problems.push(`${path}.${name}: in the contract, missing from ${dto.name}`);
  }
  for (const name of validated.keys()) {
    if (!(name in fields)) problems.push(`${path}.${name}: in ${dto.name}, missing from the contract`);
  }
  const documented = documentedProperties(dto);
  for (const name of validated.keys()) {
    if (!documented.has(name))
      problems.push(`${path}.${name}: validated by ${dto.name} but not documented in OpenAPI`);
  }
  for (const [name, spec] of Object.entries(fields)) {
    const metadata = validated.get(name);
    if (metadata) problems.push(...propertyMismatches(dto, name, spec, metadata, `${path}.${name}`));
  }
  return problems;
}

/** Which class-validator check stands for each scalar kind (a credit code is a string with a stricter check). */
const CHECKS_BY_KIND: Record<Exclude<FactKind, 'enum' | 'object' | 'array'>, string[]> = {
  boolean: ['isBoolean'],
  integer: ['isInt'],
  number: ['isNumber', 'isInt'],
  string: ['isString', 'isCreditCode'],
  date: ['isIsoDate'],
  country: ['isCountryCode'],
};

function propertyMismatches(
  dto: ClassConstructor<object>,
  name: string,
  spec: FactSpec,
  metadata: ValidationMetadata[],
  where: string,
): string[] {
  const problems: string[] = [];
  const optionalInDto = metadata.some((m) => m.type === 'conditionalValidation');
  const optionalInContract = spec.required === false;
  if (optionalInDto !== optionalInContract) {
    problems.push(
      `${where}: ${optionalInContract ? 'optional' : 'required'} in the contract, not in ${dto.name}`,
    );
  }
  if (spec.kind === 'object') {
    if (!metadata.some((m) => m.type === 'nestedValidation'))
      problems.push(`${where}: object not validated as nested`);
    const nested = nestedClass(dto, name, {});
    if (!nested) return [...problems, `${where}: no @Type for the nested object`];
    return [...problems, ...dtoContractMismatches(nested, spec.fields ?? {}, where)];
  }
  if (spec.kind === 'array') {
    if (!has(metadata, 'isArray', false)) problems.push(`${where}: array not checked with @IsArray`);
    const items = spec.items;
    if (!items) return [...problems, `${where}: the contract gives no items for the array`];
    if (items.kind === 'object') {
      const nested = nestedClass(dto, name, [{}]);
      if (!nested) return [...problems, `${where}: no @Type for the array items`];
      return [...problems, ...dtoContractMismatches(nested, items.fields ?? {}, `${where}.<i>`)];
    }
    return [...problems, ...scalarMismatches(items, metadata, true, `${where}.<i>`)];
  }
  return [...problems, ...scalarMismatches(spec, metadata, false, where)];
}

function scalarMismatches(
  spec: FactSpec,
  metadata: ValidationMetadata[],
  each: boolean,
  where: string,
): string[] {
  const problems: string[] = [];
  if (spec.kind === 'enum') {
    const isIn = metadata.find((m) => m.name === 'isIn' && m.each === each);
    const allowed = isIn ? [...(isIn.constraints[0] as string[])].sort() : [];
    const values = [...(spec.values ?? [])].sort();
    if (JSON.stringify(allowed) !== JSON.stringify(values)) {
      problems.push(
        `${where}: enum values differ: DTO ${JSON.stringify(allowed)}, contract ${JSON.stringify(values)}`,
      );
    }
    return problems;
  }
  if (spec.kind === 'object' || spec.kind === 'array')
    return [`${where}: nested ${spec.kind} in an array item`];
  const checks = CHECKS_BY_KIND[spec.kind];
  if (!checks.some((check) => has(metadata, check, each))) {
    problems.push(`${where}: kind ${spec.kind} needs one of ${checks.join(', ')}`);
  }
  for (const bound of ['min', 'max'] as const) {
    const expected = spec[bound];
    if (expected === undefined) continue;
    const actual = metadata.find((m) => m.name === bound && m.each === each)?.constraints[0];
    if (actual !== expected)
      problems.push(`${where}: ${bound} is ${String(actual)} in the DTO, ${expected} in the contract`);
  }
  return problems;
}

function validatedProperties(dto: ClassConstructor<object>): Map<string, ValidationMetadata[]> {
  const byName = new Map<string, ValidationMetadata[]>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(dto, '', false, false)) {
    byName.set(m.propertyName, [...(byName.get(m.propertyName) ?? []), m]);
  }
  return byName;
}

/** @nestjs/swagger keeps the documented property names, each prefixed with ':', on the prototype. */
function documentedProperties(dto: ClassConstructor<object>): Set<string> {
  const names = (Reflect.getMetadata('swagger/apiModelPropertiesArray', dto.prototype) ?? []) as string[];
  return new Set(names.map((n) => n.replace(/^:/, '')));
}

function has(metadata: ValidationMetadata[], name: string, each: boolean): boolean {
  return metadata.some((m) => m.name === name && m.each === each);
}

/** Asks class-transformer itself what a nested value becomes, i.e. which class will validate it. */
function nestedClass(
  dto: ClassConstructor<object>,
  name: string,
  sample: object,
): ClassConstructor<object> | null {
  const value = (plainToInstance(dto, { [name]: sample }) as Record<string, unknown>)[name];
  const instance = Array.isArray(value) ? (value[0] as unknown) : value;
  const ctor = (instance as object | undefined)?.constructor;
  return ctor && ctor !== Object ? (ctor as ClassConstructor<object>) : null;
}
