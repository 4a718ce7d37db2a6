/**
 * Derived facts of a trade show (rules/trade-show/facts.json), from the input facts and the submission
 * date only. Countries are ISO 3166-1 alpha-2: Hong Kong, Macao and Taiwan have their own codes and their
 * own IP registers, so a show there is abroad for IP purposes, and the Measures for IP Protection at
 * Exhibitions (2006) reach only shows held in the mainland.
 */
import type { Facts } from '../decision.types';
import { chinaDate, daysBetween } from './dates';

interface TradeShowFacts {
  exhibition: {
    country: string;
    opensOn: string;
    durationDays: number;
    bieRecognized: boolean;
    governmentHosted?: boolean | null;
  };
  fiscalSubsidyRequested: boolean | null;
}

/** Measures for IP Protection at Exhibitions (2006) Art. 6: a complaint body at shows of three days or more. */
const COMPLAINT_BODY_MIN_DAYS = 3;

export function deriveTradeShowFacts(facts: Facts, submittedAt: string): Record<string, unknown> {
  const { exhibition, fiscalSubsidyRequested } = facts as unknown as TradeShowFacts;
  const today = chinaDate(submittedAt);
  const domestic = exhibition.country === 'CN';
  return {
    daysUntilOpening: daysBetween(today, exhibition.opensOn),
    showAbroad: !domestic,
    // Patent Law Art. 24(2) with Implementing Rules (2023) Art. 33: international exhibitions hosted or
    // recognised by the Chinese government; recognised means registered with or recognised by the BIE.
    gracePeriodCovered: exhibition.bieRecognized === true || exhibition.governmentHosted === true,
    germanFair: exhibition.country === 'DE',
    domesticShowRequiresComplaintBody: domestic && exhibition.durationDays >= COMPLAINT_BODY_MIN_DAYS,
    fiscallyFunded: fiscalSubsidyRequested === true,
  };
}
