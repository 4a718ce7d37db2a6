import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { ActivityTypeProperty } from '../../evaluations/dto/activity-type-property.decorator';
import { ApplicantDto } from '../../evaluations/dto/applicant.dto';
import { FactsProperty } from '../../evaluations/dto/facts-property.decorator';

/** POST /assessments: an instant risk assessment (风险评估), facts in, decision out, no workflow. */
export class CreateAssessmentDto {
  @ActivityTypeProperty()
  type: string;

  @ApiProperty({ type: () => ApplicantDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant: ApplicantDto;

  @FactsProperty()
  facts: Record<string, unknown>;
}
