/**
 * The vocabulary of derived facts: small named pure functions, each tested, that rules/<type>/derived.json
 * calls by name. The submission date (China Standard Time) is the only clock they see. Every function takes
 * absent values (null) without failing: optional facts are null, and a derived fact over them is null or
 * false, never an error.
 */
// Each function from its own module: the package's index loads all of its ~300 (4 MiB of RSS for seven).
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { format } from 'date-fns/format';
import { creditGroundOf } from './credit-ground';
import { day, monthsBetween, daysBetween, plusYears } from './dates';

/** What a function sees besides its arguments. */
export interface DerivationContext {
  submissionDate: string; // YYYY-MM-DD in China
}

type Args = Record<string, unknown>;
export interface DerivationFunction {
  /** Its parameters; a required one must be given, an optional one may be left out. */
  params: Record<string, 'required' | 'optional'>;
  run: (args: Args, context: DerivationContext) => unknown;
}

const date = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const records = (value: unknown): Record<string, unknown>[] =>
  list(value).filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null);
const number = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** Months completed since `event`, counting from the next day (民法典 Arts. 201-202): left on 2 March 2025, 11 on 2 March 2026, 12 from 3 March. */
function completedMonths(event: string, today: string): number {
  const firstDay = format(addDays(day(event), 1), 'yyyy-MM-dd');
  return Math.max(0, monthsBetween(firstDay, today));
}

/** Whole months from `from` to `to`, a part month counting as a whole one: two years and a day is 25. */
function monthsRoundedUp(from: string, to: string): number {
  const whole = monthsBetween(from, to);
  return addMonths(day(from), whole) < day(to) ? whole + 1 : Math.max(whole, 0);
}

function isActiveOn(
  record: Record<string, unknown>,
  from: string,
  until: string,
  years: number,
  today: string,
) {
  const start = date(record[from]);
  if (start === null) return false;
  // ISO dates compare correctly as strings; the last day is included.
  const lastDay = date(record[until]) ?? plusYears(start, years);
  return start <= today && today <= lastDay;
}

export const DERIVATION_FUNCTIONS: Readonly<Record<string, DerivationFunction>> = {
  // Dates, against the submission date.
  submissionDate: { params: {}, run: (_, { submissionDate }) => submissionDate },
  daysUntil: {
    params: { date: 'required' },
    run: ({ date: target }, { submissionDate }) => {
      const to = date(target);
      return to === null ? null : daysBetween(submissionDate, to);
    },
  },
  completedMonthsSince: {
    params: { date: 'required' },
    run: ({ date: event }, { submissionDate }) => {
      const from = date(event);
      return from === null || from > submissionDate ? null : completedMonths(from, submissionDate);
    },
  },
  monthsRoundedUp: {
    params: { from: 'required', to: 'required' },
    run: ({ from, to }) => {
      const [start, end] = [date(from), date(to)];
      return start === null || end === null ? null : monthsRoundedUp(start, end);
    },
  },
  /** True while the date is absent or still ahead: someone who has not left yet, a date not reached. */
  notReachedOnSubmission: {
    params: { date: 'required' },
    run: ({ date: value }, { submissionDate }) => {
      const at = date(value);
      return at === null || at > submissionDate;
    },
  },
  /**
   * Whether a period that starts on `from` (or at some later, unknown day when `from` is absent or ahead)
   * binds on the submission date: until `until`, and never longer than `maxYears` after `from`.
   */
  bindsOnSubmission: {
    params: { from: 'required', until: 'required', maxYears: 'required' },
    run: ({ from, until, maxYears }, { submissionDate }) => {
      const [start, end] = [date(from), date(until)];
      if (start === null || start > submissionDate) return end === null || end >= submissionDate;
      const limit = plusYears(start, number(maxYears) ?? 0);
      const lastDay = end !== null && end < limit ? end : limit;
      return submissionDate <= lastDay;
    },
  },
  /**
   * How many of `dates` fall in the year after `from`: from the next day through the corresponding day a
   * year later (民法典 Arts. 201-202), as the one-year window of 专利法实施细则 (2023) Art. 13(3) runs. What
   * counts is each date, not how long ago `from` was. Before `from` is reached nothing can fall inside (0).
   * Without dates the count is still certain while the year has not run out (everything since `from` is
   * inside it, so `countWhileOpen`); after that it is unknown (null), and a rule asks for the dates.
   */
  countInYearAfter: {
    params: { from: 'required', dates: 'required', countWhileOpen: 'required' },
    run: ({ from, dates, countWhileOpen }, { submissionDate }) => {
      const start = date(from);
      if (start === null || start > submissionDate) return 0;
      if (Array.isArray(dates)) {
        const lastDay = plusYears(start, 1);
        return dates.map(date).filter((at) => at !== null && start < at && at <= lastDay).length;
      }
      return completedMonths(start, submissionDate) < 12 ? number(countWhileOpen) : null;
    },
  },
  /** The dated records active on the submission date: from `from` through `until`, or `defaultYears` without an end. */
  activeOnSubmission: {
    params: { records: 'required', from: 'required', until: 'required', defaultYears: 'required' },
    run: ({ records: all, from, until, defaultYears }, { submissionDate }) =>
      records(all).filter((record) =>
        isActiveOn(record, String(from), String(until), number(defaultYears) ?? 0, submissionDate),
      ),
  },

  // Lists and records.
  /** The ground of each credit record (失信事由): the stated one, else a safe reading of its reason, else `unstated`. */
  creditGroundsOf: {
    params: { records: 'required' },
    run: ({ records: all }) => records(all).map((record) => creditGroundOf(record)),
  },
  valuesOf: {
    params: { records: 'required', field: 'required' },
    run: ({ records: all, field }) => records(all).map((record) => record[String(field)] ?? null),
  },
  /** Distinct and sorted, so the value never depends on the order the applicant listed things in. */
  distinctSorted: {
    params: { list: 'required' },
    run: ({ list: values }) => [...new Set(list(values).map(String))].sort(),
  },
  count: { params: { list: 'required' }, run: ({ list: values }) => list(values).length },
  countDistinct: { params: { list: 'required' }, run: ({ list: values }) => new Set(list(values)).size },
  /** How many distinct values of `list` are not in `minus`: target markets without patent coverage, say. */
  differenceCount: {
    params: { list: 'required', minus: 'required' },
    run: ({ list: values, minus }) => {
      const excluded = new Set(list(minus));
      return new Set(list(values).filter((value) => !excluded.has(value))).size;
    },
  },
  intersects: {
    params: { list: 'required', values: 'required' },
    run: ({ list: values, values: wanted }) => list(values).some((value) => list(wanted).includes(value)),
  },
  /** Records whose `field` is one of `values` (and, where given, whose `where` field is one of `whereIn`). */
  countWhere: {
    params: {
      records: 'required',
      field: 'required',
      values: 'required',
      where: 'optional',
      whereIn: 'optional',
    },
    run: ({ records: all, field, values, where, whereIn }) =>
      records(all).filter(
        (record) =>
          list(values).includes(record[String(field)]) &&
          (where === undefined || list(whereIn).includes(record[String(where)])),
      ).length,
  },
  sum: {
    params: { values: 'required' },
    run: ({ values }) => list(values).reduce<number>((total, value) => total + (number(value) ?? 0), 0),
  },
  /** numerator / denominator to four decimals; null where there is nothing to divide by. */
  ratio: {
    params: { numerator: 'required', denominator: 'required' },
    run: ({ numerator, denominator }) => {
      const [top, bottom] = [number(numerator), number(denominator)];
      return top === null || bottom === null || bottom === 0
        ? null
        : Math.round((top / bottom) * 10_000) / 10_000;
    },
  },
  /** The smallest of the numbers given, ignoring nulls; null when there is none. */
  smallest: {
    params: { values: 'required' },
    run: ({ values }) => {
      const numbers = list(values).filter((value): value is number => typeof value === 'number');
      return numbers.length === 0 ? null : Math.min(...numbers);
    },
  },

  // Comparisons and logic. A null compares as "not met".
  isOneOf: {
    params: { value: 'required', values: 'required' },
    run: ({ value, values }) => list(values).includes(value),
  },
  equals: { params: { value: 'required', to: 'required' }, run: ({ value, to }) => value === to },
  notEquals: { params: { value: 'required', to: 'required' }, run: ({ value, to }) => value !== to },
  isTrue: { params: { value: 'required' }, run: ({ value }) => value === true },
  isFalse: { params: { value: 'required' }, run: ({ value }) => value === false },
  isPresent: { params: { value: 'required' }, run: ({ value }) => value !== null && value !== undefined },
  greaterThan: {
    params: { value: 'required', than: 'required' },
    run: ({ value, than }) =>
      number(value) !== null && number(than) !== null && number(value)! > number(than)!,
  },
  atLeast: {
    params: { value: 'required', min: 'required' },
    run: ({ value, min }) => number(value) !== null && number(min) !== null && number(value)! >= number(min)!,
  },
  allOf: {
    params: { conditions: 'required' },
    run: ({ conditions }) => list(conditions).every((c) => c === true),
  },
  /** How many of the conditions hold: targets not reached, say. */
  countTrue: {
    params: { conditions: 'required' },
    run: ({ conditions }) => list(conditions).filter((c) => c === true).length,
  },
  anyOf: {
    params: { conditions: 'required' },
    run: ({ conditions }) => list(conditions).some((c) => c === true),
  },
  not: { params: { condition: 'required' }, run: ({ condition }) => condition !== true },
  /** `then` where the condition holds, else `else` (null when not given). */
  when: {
    params: { condition: 'required', then: 'required', else: 'optional' },
    run: (args) => (args.condition === true ? args.then : (args.else ?? null)),
  },
  constant: { params: { value: 'required' }, run: ({ value }) => value },
};
