import { ApiExtraModels } from '@nestjs/swagger';
import { FACTS_DTOS, FactsProperty } from './facts-property.decorator';

/** The applicant's supplement after a return (补正): the complete facts again, of the case's type. */
@ApiExtraModels(...FACTS_DTOS)
export class ResubmitEvaluationDto {
  @FactsProperty()
  facts: Record<string, unknown>;
}
