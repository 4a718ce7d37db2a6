/**
 * Working-day arithmetic on the official calendar (rules/calendar.json), in China time. Pure: time comes in
 * as an argument, the calendar as data.
 *
 * The rule (like 民法典 Art. 201, the day a period starts on is not counted): a task opened
 * at any moment of China calendar day D with a limit of N working days is due at the END of the N-th
 * working day after D, 23:59:59.999 China time. A working day is Monday to Friday, except the notice's
 * holidays, plus the weekend days it says are worked (调休上班). A day of a year without a notice counts
 * as a plain weekday or weekend day.
 *
 * China has kept UTC+8 all year since 1991, so a fixed offset is exact and needs no time-zone database.
 */
import type { WorkingDayCalendar } from './working-day-calendar.types';

export const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** No stage needs more; a larger number is a typo that would otherwise loop over decades. */
export const MAX_WORKING_DAYS = 366;

/** A calendar date as a whole number of days since 1970-01-01 (a China date, never an instant). */
export type DayNumber = number;

/** The China calendar date an instant falls on. */
export function chinaDayOf(instant: Date): DayNumber {
  return Math.floor((instant.getTime() + CHINA_UTC_OFFSET_MS) / DAY_MS);
}

/** YYYY-MM-DD -> day number; the caller has checked the shape (isIsoDate). */
export function dayOf(isoDate: string): DayNumber {
  return Date.parse(`${isoDate}T00:00:00.000Z`) / DAY_MS;
}

export function isoDateOf(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: DayNumber): boolean {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
}

/** 00:00:00.000 China time on that day. */
export function startOfChinaDay(day: DayNumber): Date {
  return new Date(day * DAY_MS - CHINA_UTC_OFFSET_MS);
}

/** 23:59:59.999 China time on that day. */
export function endOfChinaDay(day: DayNumber): Date {
  return new Date((day + 1) * DAY_MS - CHINA_UTC_OFFSET_MS - 1);
}

/** The calendar as sets of days, built once per calendar object (the loaded one is frozen and lives forever). */
interface CompiledCalendar {
  holidays: ReadonlySet<DayNumber>;
  adjustedWorkingDays: ReadonlySet<DayNumber>;
  years: ReadonlySet<number>;
}
const compiled = new WeakMap<WorkingDayCalendar, CompiledCalendar>();

function compile(calendar: WorkingDayCalendar): CompiledCalendar {
  let entry = compiled.get(calendar);
  if (!entry) {
    const holidays = new Set<DayNumber>();
    const adjustedWorkingDays = new Set<DayNumber>();
    for (const year of calendar.years) {
      for (const holiday of year.holidays) {
        for (let day = dayOf(holiday.from); day <= dayOf(holiday.to); day++) holidays.add(day);
        for (const date of holiday.adjustedWorkingDays ?? []) adjustedWorkingDays.add(dayOf(date));
      }
    }
    entry = { holidays, adjustedWorkingDays, years: new Set(calendar.years.map((year) => year.year)) };
    compiled.set(calendar, entry);
  }
  return entry;
}

export function isWorkingDay(day: DayNumber, calendar: WorkingDayCalendar): boolean {
  const { holidays, adjustedWorkingDays } = compile(calendar);
  if (adjustedWorkingDays.has(day)) return true;
  if (holidays.has(day)) return false;
  return !isWeekend(day);
}

/** Whether the calendar has the notice of that year (otherwise its days count as weekdays and weekends only). */
export function calendarCoversYear(calendar: WorkingDayCalendar, year: number): boolean {
  return compile(calendar).years.has(year);
}

/** The n-th working day after `day` (n >= 1; `day` itself is never counted). */
export function nthWorkingDayAfter(day: DayNumber, n: number, calendar: WorkingDayCalendar): DayNumber {
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKING_DAYS) {
    throw new RangeError(
      `a number of working days must be a whole number from 1 to ${MAX_WORKING_DAYS}, found ${n}`,
    );
  }
  let current = day;
  for (let counted = 0; counted < n;) {
    current += 1;
    if (isWorkingDay(current, calendar)) counted += 1;
  }
  return current;
}

/** The n-th working day before `day` (n >= 1; `day` itself is never counted). */
export function nthWorkingDayBefore(day: DayNumber, n: number, calendar: WorkingDayCalendar): DayNumber {
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKING_DAYS) {
    throw new RangeError(
      `a number of working days must be a whole number from 1 to ${MAX_WORKING_DAYS}, found ${n}`,
    );
  }
  let current = day;
  for (let counted = 0; counted < n;) {
    current -= 1;
    if (isWorkingDay(current, calendar)) counted += 1;
  }
  return current;
}

/**
 * When a task opened at `start` with a limit of `n` working days is due: the end (23:59:59.999 China time)
 * of the n-th working day after the China date of `start`. The task is overdue from the next millisecond.
 */
export function addWorkingDays(start: Date, n: number, calendar: WorkingDayCalendar): Date {
  return endOfChinaDay(nthWorkingDayAfter(chinaDayOf(start), n, calendar));
}

/**
 * When the reminder of such a task falls due: the start (00:00 China time) of the working day that lies
 * `before` working days before the due day. With n = 5 and before = 1, the reminder comes at the start of
 * the 4th working day, leaving that day and the due day. Needs 1 <= before < n (the loader checks it), so
 * the reminder always comes after the task opened.
 */
export function reminderTime(start: Date, n: number, before: number, calendar: WorkingDayCalendar): Date {
  if (!Number.isInteger(before) || before < 1 || before >= n) {
    throw new RangeError(
      `a reminder must come 1 to ${n - 1} working days before the due day, found ${before}`,
    );
  }
  return startOfChinaDay(nthWorkingDayAfter(chinaDayOf(start), n - before, calendar));
}
