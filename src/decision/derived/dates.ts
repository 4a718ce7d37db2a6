/**
 * Calendar arithmetic for derived facts. Facts carry dates (YYYY-MM-DD) as the applicant wrote them, in
 * China's calendar; the submission time is an instant. The submission date is that instant seen in
 * China Standard Time (UTC+8, no daylight saving), so a case submitted at 01:00 Beijing time on 3 March
 * counts from 3 March, whatever the server's time zone.
 */
// Each function from its own module, as in derivation-functions.ts.
import { addYears } from 'date-fns/addYears';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { differenceInMonths } from 'date-fns/differenceInMonths';
import { parseISO } from 'date-fns/parseISO';

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

// One decision asks for the date of the same submission instant several times (applicant and type).
let lastInstant: string | null = null;
let lastChinaDate = '';

/** The calendar date (YYYY-MM-DD) of an instant in China Standard Time. */
export function chinaDate(instant: Date | string): string {
  if (typeof instant === 'string' && instant === lastInstant) return lastChinaDate;
  const ms = (typeof instant === 'string' ? new Date(instant) : instant).getTime();
  const date = new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  if (typeof instant === 'string') {
    lastInstant = instant;
    lastChinaDate = date;
  }
  return date;
}

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A YYYY-MM-DD date as a local-midnight Date for date-fns; never compare it with instants. The same Date
 * parseISO gives (an invalid one for a day the month does not have), built directly: parseISO's general
 * grammar was the larger part of deriving facts.
 */
export function day(date: string): Date {
  const match = PLAIN_DATE.exec(date);
  if (!match) return parseISO(date);
  const [year, month, dayOfMonth] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const result = new Date(0);
  result.setFullYear(year, month, dayOfMonth);
  result.setHours(0, 0, 0, 0);
  const valid =
    result.getFullYear() === year && result.getMonth() === month && result.getDate() === dayOfMonth;
  return valid ? result : new Date(Number.NaN);
}

/** Whole months from `from` to `to` (negative when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  return differenceInMonths(day(to), day(from));
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(day(to), day(from));
}

/** `date` plus whole years, as YYYY-MM-DD. */
export function plusYears(date: string, years: number): string {
  const d = addYears(day(date), years);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
