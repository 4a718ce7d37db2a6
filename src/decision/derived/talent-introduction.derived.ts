/**
 * Derived facts of a talent introduction (rules/talent-introduction/facts.json), from the input facts and
 * the submission date only. Periods are counted as the Civil Code counts them (Arts. 201-202): from the day
 * after departure, the corresponding day being the last day of the period. Periods follow the labour and
 * patent rules they serve:
 * - the service-invention window runs one year from departure (Patent Law Implementing Rules 2023 Art. 13);
 * - a non-compete may bind for at most two years after the contract ends (Labour Contract Law Art. 24), so
 *   a longer `endsOn` stops binding at the two-year mark and the excess shows in `nonCompeteDurationMonths`.
 */
import { addDays, addMonths, format } from 'date-fns';
import type { Facts } from '../decision.types';
import { chinaDate, day, monthsBetween, plusYears } from './dates';

type Role = 'senior-technical' | 'senior-management' | 'researcher' | 'engineer' | 'other';

interface TalentFacts {
  candidate: { role: Role };
  departedOn: string | null;
  applicationsSinceDeparture: number;
  relatedApplicationFilingDates?: string[] | null;
  confidentialityAgreement: boolean;
  nonCompete: { signed: boolean; endsOn?: string | null; compensationPaid?: boolean | null };
  subsidyRequested: boolean | null;
}

/** Art. 24 names senior managers and senior technical staff outright; anyone else only through a duty of confidentiality. */
const NON_COMPETE_ROLES_BY_LAW: readonly Role[] = ['senior-management', 'senior-technical'];
const NON_COMPETE_MAX_YEARS = 2;

export function deriveTalentIntroductionFacts(facts: Facts, submittedAt: string): Record<string, unknown> {
  const talent = facts as unknown as TalentFacts;
  const today = chinaDate(submittedAt);
  const departedOn = talent.departedOn ?? null;
  // A departure date after the submission is a notice period still being served: not yet gone.
  const stillEmployedElsewhere = departedOn === null || departedOn > today;
  const monthsSinceDeparture = stillEmployedElsewhere ? null : completedMonths(departedOn, today);
  const nonCompete = talent.nonCompete ?? { signed: false };
  const signed = nonCompete.signed === true;
  const endsOn = nonCompete.endsOn ?? null;

  return {
    monthsSinceDeparture,
    stillEmployedElsewhere,
    applicationsFiledWithinYearOfDeparture: stillEmployedElsewhere
      ? 0
      : filedWithinYear(departedOn, monthsSinceDeparture, talent),
    nonCompeteRunning: signed && nonCompeteBindsOn(today, departedOn, endsOn),
    nonCompeteDurationMonths:
      signed && departedOn !== null && endsOn !== null ? monthsRoundedUp(departedOn, endsOn) : null,
    nonCompeteRoleEligible:
      NON_COMPETE_ROLES_BY_LAW.includes(talent.candidate?.role) || talent.confidentialityAgreement === true,
    // Compensation is due monthly from departure, so "never paid since leaving" has lasted that many months.
    nonCompeteCompensationUnpaidMonths:
      signed && nonCompete.compensationPaid === false && monthsSinceDeparture !== null
        ? monthsSinceDeparture
        : null,
    fiscallyFunded: talent.subsidyRequested === true,
  };
}

/**
 * Related applications filed within one year after departure (专利法实施细则 2023 Art. 13(3)): the window runs
 * from the day after leaving through the same day a year later. What counts is each filing date, not how long
 * ago the candidate left. Without dates the count is still certain while the year has not run out (every
 * application since departure falls inside it); after that it is unknown (null), and a rule asks for them.
 */
function filedWithinYear(
  departedOn: string,
  monthsSinceDeparture: number | null,
  talent: TalentFacts,
): number | null {
  const lastDay = plusYears(departedOn, 1);
  const dates = talent.relatedApplicationFilingDates;
  if (dates !== null && dates !== undefined)
    return dates.filter((filed) => departedOn < filed && filed <= lastDay).length;
  if (monthsSinceDeparture !== null && monthsSinceDeparture < 12) return talent.applicationsSinceDeparture;
  return null;
}

/**
 * Binding on `today` (inclusive of its last day): before departure it will bind on leaving; after it, until
 * the earlier of `endsOn` and the statutory two-year limit (the limit alone where no end was agreed).
 */
function nonCompeteBindsOn(today: string, departedOn: string | null, endsOn: string | null): boolean {
  if (departedOn === null || departedOn > today) return endsOn === null || endsOn >= today;
  const statutoryEnd = plusYears(departedOn, NON_COMPETE_MAX_YEARS);
  const lastDay = endsOn !== null && endsOn < statutoryEnd ? endsOn : statutoryEnd;
  return today <= lastDay;
}

/**
 * Months completed since `event`, counting from the next day: left on 2 March 2025, the first year runs
 * through 2 March 2026 (11 completed months that day, 12 from 3 March).
 */
function completedMonths(event: string, today: string): number {
  const firstDay = format(addDays(day(event), 1), 'yyyy-MM-dd');
  return Math.max(0, monthsBetween(firstDay, today));
}

/** Whole months from `from` to `to`, a part month counting as a whole one: two years and a day is 25. */
function monthsRoundedUp(from: string, to: string): number {
  const whole = monthsBetween(from, to);
  return addMonths(day(from), whole) < day(to) ? whole + 1 : Math.max(whole, 0);
}
