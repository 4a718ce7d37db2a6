import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, ValidateNested } from 'class-validator';
import { ACTIVITY_TYPES, type ActivityType } from '../../definitions/definition.types';
import { ApplicantDto } from '../../evaluations/dto/applicant.dto';
import { FACTS_DTOS, FactsProperty } from '../../evaluations/dto/facts-property.decorator';

/** POST /assessments: an instant risk assessment (风险评估), facts in, decision out, no workflow. */
@ApiExtraModels(...FACTS_DTOS)
export class CreateAssessmentDto {
  @ApiProperty({ enum: ACTIVITY_TYPES })
  @IsIn(ACTIVITY_TYPES)
  type: ActivityType;

  @ApiProperty({ type: () => ApplicantDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant: ApplicantDto;

  @FactsProperty()
  facts: Record<string, unknown>;
}
