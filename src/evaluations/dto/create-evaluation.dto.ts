import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ActivityTypeProperty } from './activity-type-property.decorator';
import { ApplicantDto } from './applicant.dto';
import { FactsProperty } from './facts-property.decorator';
import { PublicationConsentProperty } from './publication-consent-property.decorator';

/** Department codes as in rules/departments.json: lower-case words joined by hyphens, e.g. "ndrc". */
export const DEPARTMENT_CODE_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** POST /evaluations: open a case (审查评议) that moves through the type's workflow. */
export class CreateEvaluationDto {
  @ActivityTypeProperty()
  type: string;

  @ApiProperty({ minLength: 1, maxLength: 300, example: '汕尾市新能源电池产业园项目' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @ApiProperty({ type: () => ApplicantDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant: ApplicantDto;

  @ApiProperty({
    minLength: 1,
    maxLength: 40,
    pattern: DEPARTMENT_CODE_PATTERN.source,
    example: 'ndrc',
    description:
      'The department in charge of the activity (项目主管单位), a code from rules/departments.json',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  @Matches(DEPARTMENT_CODE_PATTERN, {
    message: 'competentDepartment must be a department code such as "ndrc"',
  })
  competentDepartment: string;

  @FactsProperty()
  facts: Record<string, unknown>;

  @PublicationConsentProperty()
  publicationConsent?: boolean;
}
