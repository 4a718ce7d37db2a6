/**
 * The facts contracts in the OpenAPI document. Nest builds the envelopes from the DTO classes; the facts
 * schema of each type is data, so it is added here: one component schema per type, and the request bodies
 * that carry `type` become a oneOf of per-type envelopes discriminated by `type`. The applicant those
 * envelopes carry is the shared contract's (rules/shared/facts.json), one component for all.
 */
import type { OpenAPIObject } from '@nestjs/swagger';
import type { ActivityDefinition, JsonSchema } from './definition.types';
import { requestSchemaOf } from './json-schema';

/** Request bodies whose `facts` follow their `type`. */
const TYPED_ENVELOPES = ['CreateEvaluationDto', 'CreateAssessmentDto'];
/** Request bodies whose `facts` follow the type of the case they name. */
const UNTYPED_ENVELOPES = ['ResubmitEvaluationDto'];

type Schema = Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** `road-show` -> `RoadShowFacts` (a type name for the example): component names allow no more than letters, digits, `.`, `-`, `_`. */
export function factsSchemaName(type: string): string {
  return `${type.replace(/(^|-)([a-z0-9])/g, (_, _dash, letter: string) => letter.toUpperCase())}Facts`;
}

/** The applicant as requests send it ("Applicant" is the stored one, in the views). */
export const APPLICANT_INPUT_SCHEMA = 'ApplicantInput';

export function addFactsContracts(
  document: OpenAPIObject,
  definitions: readonly ActivityDefinition[],
  applicantSchema: JsonSchema,
): void {
  const schemas = ((document.components ??= {}).schemas ??= {}) as Record<string, Schema>;
  schemas[APPLICANT_INPUT_SCHEMA] = requestSchemaOf(applicantSchema);
  for (const { type, rules } of definitions)
    schemas[factsSchemaName(type)] = requestSchemaOf(rules.factsSchema);
  for (const envelope of TYPED_ENVELOPES) {
    if (!schemas[envelope]) continue;
    const properties = schemas[envelope].properties as Record<string, Schema> | undefined;
    if (properties?.applicant) properties.applicant = ref(APPLICANT_INPUT_SCHEMA);
    const mapping: Record<string, string> = {};
    for (const { type } of definitions) {
      const name = `${envelope}.${type}`;
      schemas[name] = {
        allOf: [
          ref(envelope),
          { type: 'object', properties: { type: { const: type }, facts: ref(factsSchemaName(type)) } },
        ],
      };
      mapping[type] = ref(name).$ref;
    }
    const body = {
      oneOf: Object.values(mapping).map(($ref) => ({ $ref })),
      discriminator: { propertyName: 'type', mapping },
    };
    replaceBodyRefs(document, ref(envelope).$ref, body);
  }
  for (const envelope of UNTYPED_ENVELOPES) {
    const properties = schemas[envelope]?.properties as Record<string, Schema> | undefined;
    if (properties?.facts)
      properties.facts = {
        ...properties.facts,
        oneOf: definitions.map(({ type }) => ref(factsSchemaName(type))),
      };
  }
}

function replaceBodyRefs(document: OpenAPIObject, $ref: string, replacement: Schema): void {
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations as Record<string, unknown>)) {
      const content = (operation as { requestBody?: { content?: Record<string, { schema?: Schema }> } })
        ?.requestBody?.content;
      for (const media of Object.values(content ?? {})) {
        if (media.schema?.$ref === $ref) media.schema = replacement;
      }
    }
  }
}
