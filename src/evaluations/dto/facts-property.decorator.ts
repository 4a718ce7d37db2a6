import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

/**
 * `facts` on a request envelope. Its schema is the facts contract of the sibling `type`, data a property
 * decorator cannot see: here it is only required to be an object, the service validates it against the
 * contract (validateFacts), and the OpenAPI document gets one schema per type (openapi-facts.ts).
 */
export function FactsProperty(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      type: 'object',
      additionalProperties: true,
      description: "The activity's facts: the facts contract of `type` (rules/<type>/facts.json)",
    }),
    IsObject(),
  );
}
