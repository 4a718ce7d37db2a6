import { applyDecorators } from '@nestjs/common';
import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import { FACTS_DTO_BY_TYPE } from './facts-dto-by-type';

/** The four facts DTOs; list them in @ApiExtraModels on every class using @FactsProperty so the refs resolve. */
export const FACTS_DTOS = Object.values(FACTS_DTO_BY_TYPE);

/**
 * `facts` on a request envelope. Its class depends on the sibling `type`, which a property decorator cannot
 * see, so here it is only required to be an object; the service calls validateFacts(type, facts), which
 * reports errors under the same `facts.` paths as the ValidationPipe would.
 */
export function FactsProperty(): PropertyDecorator {
  const byType = Object.entries(FACTS_DTO_BY_TYPE)
    .map(([type, dto]) => `\`${type}\`: ${dto.name}`)
    .join('; ');
  return applyDecorators(
    ApiProperty({
      description: `The activity's facts (DOMAIN.md §4, rules/<type>/facts.json); the schema follows \`type\`: ${byType}`,
      oneOf: FACTS_DTOS.map((dto) => ({ $ref: getSchemaPath(dto) })),
    }),
    IsObject(),
  );
}
