import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DomainError } from '../../common/domain-error';
import { toPlainJson } from '../../common/plain-json';
import type { FieldError } from '../../common/problem';
import { flattenValidationErrors } from '../../common/validation-errors';
import type { ActivityType } from '../../definitions/definition.types';
import { MajorProjectFactsDto } from './major-project.facts';
import { TalentIntroductionFactsDto } from './talent-introduction.facts';
import { TechnologyTradeFactsDto } from './technology-trade.facts';
import { TradeShowFactsDto } from './trade-show.facts';

/** The class of `facts` depends on `type`, so the global ValidationPipe cannot pick it: validateFacts does. */
export const FACTS_DTO_BY_TYPE: Record<ActivityType, ClassConstructor<object>> = {
  'major-project': MajorProjectFactsDto,
  'talent-introduction': TalentIntroductionFactsDto,
  'trade-show': TradeShowFactsDto,
  'technology-trade': TechnologyTradeFactsDto,
};

const FIELD_PREFIX = 'facts';

/**
 * Validates a request's `facts` against its type's DTO with the same strictness as the request body
 * (unknown fields are errors: a misspelt fact would otherwise be dropped and the rules would see null) and
 * returns them as a plain JSON object, ready to be stored and handed to decide().
 */
export function validateFacts(type: ActivityType, facts: unknown): Record<string, unknown> {
  if (!isPlainObject(facts)) {
    throw invalid(type, [{ field: FIELD_PREFIX, reason: 'facts must be an object' }]);
  }
  const instance = plainToInstance(FACTS_DTO_BY_TYPE[type], facts);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw invalid(type, flattenValidationErrors(errors, FIELD_PREFIX));
  return toPlainJson<Record<string, unknown>>(instance);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The problem-details filter lists `errors` next to the detail, so the message only says how many.
function invalid(type: ActivityType, errors: FieldError[]): DomainError {
  const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
  return new DomainError('request.invalid', `The facts do not satisfy the ${type} contract (${count})`, {
    errors,
  });
}
