import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

/**
 * `applicant` on a request envelope. Its schema is the shared contract (rules/shared/facts.json, properties
 * .applicant), written once as data: here it is only required to be an object, the service validates it
 * against the contract (validateApplicant) with the validator the facts go through, and the OpenAPI document
 * shows the contract's schema (openapi-facts.ts, component ApplicantInput).
 */
export function ApplicantProperty(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      type: 'object',
      additionalProperties: true,
      description: 'The applicant: the shared contract (rules/shared/facts.json, properties.applicant)',
    }),
    IsObject(),
  );
}
