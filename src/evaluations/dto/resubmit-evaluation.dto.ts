import { FactsProperty } from './facts-property.decorator';

/** The applicant's supplement after a return (补正): the complete facts again, of the case's type. */
export class ResubmitEvaluationDto {
  @FactsProperty()
  facts: Record<string, unknown>;
}
