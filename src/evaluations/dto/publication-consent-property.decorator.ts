import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, ValidateIf } from 'class-validator';

/**
 * `publicationConsent` on a submission or resubmission: the applicant agrees that a published key-field
 * report may name the case (its title and applicant). Optional; absent keeps what was given before (false
 * for a new case). null is refused rather than read as either answer.
 */
export function PublicationConsentProperty(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      type: 'boolean',
      required: false,
      description:
        'The applicant consents that a published key-field report may name this case (title and applicant). ' +
        'Default false on submission; absent on a resubmission: unchanged.',
    }),
    ValidateIf((_object, value) => value !== undefined),
    IsBoolean(),
  );
}
