/**
 * Derived facts of the applicant (rules/shared/facts.json), computed for every activity type from the
 * credit records and the submission date. A record is active on every day from `listedOn` through
 * `expiresOn`; where no end is given it runs through the same calendar day three years later (docs/domain.md §4;
 * Civil Code Arts. 201-202 make the corresponding day the last day of a period counted in years).
 */
import type { CreditRecord, Facts } from '../decision.types';
import { creditGroundOf, FUND_BAR_GROUNDS } from './credit-ground';
import { chinaDate, plusYears } from './dates';

/**
 * The lists an earlier reading took for the Art. 49 bar. Kept only so that decisions made with rule sets
 * that still declare `seriousInfringementRecordActive` replay unchanged; current rules key on the ground.
 */
export const SERIOUS_INFRINGEMENT_LISTS: readonly CreditRecord['list'][] = [
  'cnipa-dishonesty',
  'patent-severe-dishonesty',
  'samr-serious-violation',
];

const DEFAULT_LISTING_YEARS = 3;

/** Computed only for rule sets pinned before the ground replaced the list; no current contract declares them. */
export const REPLAY_ONLY_DERIVED_FACTS: readonly string[] = ['seriousInfringementRecordActive'];

export function deriveApplicantFacts(facts: Facts, submittedAt: string): Record<string, unknown> {
  const today = chinaDate(submittedAt);
  const active = (facts.applicant?.creditRecords ?? []).filter((record) =>
    creditRecordActiveOn(record, today),
  );
  // Sorted and distinct so the derived value (and the Decision holding it) never depends on input order.
  const activeCreditLists = [...new Set(active.map((record) => record.list))].sort();
  const activeCreditGrounds = [...new Set(active.map(creditGroundOf))].sort();
  return {
    activeCreditLists,
    activeCreditRecordCount: active.length,
    activeCreditGrounds,
    fundBarGroundActive: activeCreditGrounds.some((ground) => FUND_BAR_GROUNDS.includes(ground as never)),
    seriousInfringementRecordActive: activeCreditLists.some((list) =>
      SERIOUS_INFRINGEMENT_LISTS.includes(list),
    ),
  };
}

/** ISO dates compare correctly as strings, which keeps this free of time-zone arithmetic. */
export function creditRecordActiveOn(record: CreditRecord, date: string): boolean {
  const lastDay = record.expiresOn ?? plusYears(record.listedOn, DEFAULT_LISTING_YEARS);
  return record.listedOn <= date && date <= lastDay;
}
