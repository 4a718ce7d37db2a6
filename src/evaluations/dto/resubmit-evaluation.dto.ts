import { FactsProperty } from './facts-property.decorator';
import { PublicationConsentProperty } from './publication-consent-property.decorator';

/**
 * The applicant's supplement after a return (补正): the complete facts again, of the case's type (or a
 * merge patch of them), and, if it changes, the consent to be named in a key-field report.
 */
export class ResubmitEvaluationDto {
  @FactsProperty()
  facts: Record<string, unknown>;

  @PublicationConsentProperty()
  publicationConsent?: boolean;
}
