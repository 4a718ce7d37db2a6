import type { JsonSchema } from './definition.types';

/**
 * A type's facts schema as clients send it: its own facts plus the shared facts that travel inside `facts`
 * (rules/shared/facts.json, all but the applicant, which comes beside them). Written once in the shared file,
 * they are validated, documented and shown in forms and reports with every type's facts.
 */
export function withSharedFacts(own: JsonSchema, shared: JsonSchema): JsonSchema {
  const beside = Object.fromEntries(
    Object.entries(shared.properties ?? {}).filter(([name]) => name !== 'applicant'),
  );
  return { ...own, properties: { ...own.properties, ...beside } };
}
