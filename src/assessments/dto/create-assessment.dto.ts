import { ActivityTypeProperty } from '../../evaluations/dto/activity-type-property.decorator';
import { ApplicantProperty } from '../../evaluations/dto/applicant-property.decorator';
import { FactsProperty } from '../../evaluations/dto/facts-property.decorator';

/** POST /assessments: an instant risk assessment (风险评估), facts in, decision out, no workflow. */
export class CreateAssessmentDto {
  @ActivityTypeProperty()
  type: string;

  @ApplicantProperty()
  applicant: Record<string, unknown>;

  @FactsProperty()
  facts: Record<string, unknown>;
}
