/**
 * rules/calendar.json: the official holidays and adjusted working days (调休) per year, entered from the
 * State Council's annual notices. A wrong entry silently moves every deadline, so the file is checked as
 * closely as the notice allows: real dates near the notice's year, the notice's day count against the
 * range, worked days that really are weekend days, no day both off and worked, no year twice.
 */
import { isIsoDate } from '../common/iso-date';
import { dayOf, isWeekend, isoDateOf, type DayNumber } from '../calendar/working-days';
import { childPointer, jsonPointer } from './json-pointer';
import { checkNonEmptyString, expectRecord, type Report, shown } from './json-shape';

const EARLIEST_YEAR = 2000;
const LATEST_YEAR = 2100;
/** A holiday may start in late December of the year before (元旦 2024 began on 2023-12-30), or end in January after. */
const DAYS_OUTSIDE_THE_YEAR = 31;

interface Entry {
  day: DayNumber;
  place: string;
}

export function validateCalendar(document: unknown, report: Report): void {
  const root = expectRecord(document, ['years'], '', report, 'the calendar');
  if (!root) return;
  if (!Array.isArray(root.years)) {
    report(
      jsonPointer('years'),
      `years must be an array (one entry per State Council notice), found ${shown(root.years)}`,
    );
    return;
  }
  const yearsSeen = new Map<number, string>();
  const daysOff: Entry[] = [];
  const daysWorked: Entry[] = [];
  root.years.forEach((candidate, index) => {
    const place = jsonPointer('years', index);
    const entry = expectRecord(candidate, ['year', 'notice', 'holidays'], place, report, 'a year');
    if (!entry) return;
    const year = entry.year;
    const yearOk =
      Number.isInteger(year) && (year as number) >= EARLIEST_YEAR && (year as number) <= LATEST_YEAR;
    if (!yearOk)
      report(
        childPointer(place, 'year'),
        `year must be a whole number from ${EARLIEST_YEAR} to ${LATEST_YEAR}, found ${shown(year)}`,
      );
    else if (yearsSeen.has(year as number))
      report(
        childPointer(place, 'year'),
        `year ${String(year)} is already entered at ${yearsSeen.get(year as number)}`,
      );
    else yearsSeen.set(year as number, place);
    checkNonEmptyString(
      entry.notice,
      childPointer(place, 'notice'),
      report,
      'notice (the State Council notice the dates come from)',
    );
    if (!Array.isArray(entry.holidays) || entry.holidays.length === 0) {
      report(
        childPointer(place, 'holidays'),
        `holidays must be a non-empty array (one per item of the notice), found ${shown(entry.holidays)}`,
      );
      return;
    }
    entry.holidays.forEach((holiday, at) =>
      checkHoliday(
        holiday,
        childPointer(place, 'holidays', at),
        yearOk ? (year as number) : null,
        report,
        daysOff,
        daysWorked,
      ),
    );
  });
  checkNoDayTwice(daysOff, daysWorked, report);
}

function checkHoliday(
  candidate: unknown,
  place: string,
  year: number | null,
  report: Report,
  daysOff: Entry[],
  daysWorked: Entry[],
): void {
  const holiday = expectRecord(
    candidate,
    ['name', 'from', 'to', 'days', 'adjustedWorkingDays'],
    place,
    report,
    'a holiday',
  );
  if (!holiday) return;
  checkNonEmptyString(holiday.name, childPointer(place, 'name'), report, 'name');
  const from = dateNear(holiday.from, year, childPointer(place, 'from'), report);
  const to = dateNear(holiday.to, year, childPointer(place, 'to'), report);
  const days = holiday.days;
  if (!Number.isInteger(days) || (days as number) < 1) {
    report(
      childPointer(place, 'days'),
      `days must be the notice's 共N天, a whole number above 0, found ${shown(days)}`,
    );
  }
  if (from !== null && to !== null) {
    if (from > to)
      report(childPointer(place, 'to'), `to (${isoDateOf(to)}) is before from (${isoDateOf(from)})`);
    else if (Number.isInteger(days) && to - from + 1 !== days) {
      report(
        childPointer(place, 'days'),
        `${isoDateOf(from)} to ${isoDateOf(to)} is ${to - from + 1} days, but days says ${String(days)}`,
      );
    } else {
      for (let day = from; day <= to; day++) daysOff.push({ day, place });
    }
  }
  const worked = holiday.adjustedWorkingDays;
  if (worked === undefined) return;
  const workedPlace = childPointer(place, 'adjustedWorkingDays');
  if (!Array.isArray(worked)) {
    report(workedPlace, `adjustedWorkingDays must be an array of dates, found ${shown(worked)}`);
    return;
  }
  worked.forEach((date, index) => {
    const at = childPointer(workedPlace, index);
    const day = dateNear(date, year, at, report);
    if (day === null) return;
    // A weekday is a working day anyway: listing one means a date was mistyped.
    if (!isWeekend(day))
      report(
        at,
        `${isoDateOf(day)} is not a Saturday or Sunday; only weekend days are adjusted to working days`,
      );
    else daysWorked.push({ day, place: at });
  });
}

/** A real YYYY-MM-DD date in the notice's year, or within a month of it. */
function dateNear(value: unknown, year: number | null, place: string, report: Report): DayNumber | null {
  if (!isIsoDate(value)) {
    report(place, `must be a real date YYYY-MM-DD, found ${shown(value)}`);
    return null;
  }
  const day = dayOf(value);
  if (year !== null) {
    const first = dayOf(`${year}-01-01`) - DAYS_OUTSIDE_THE_YEAR;
    const last = dayOf(`${year}-12-31`) + DAYS_OUTSIDE_THE_YEAR;
    if (day < first || day > last) {
      report(
        place,
        `${value} is not in ${year} (or within ${DAYS_OUTSIDE_THE_YEAR} days of it): is the year mistyped?`,
      );
      return null;
    }
  }
  return day;
}

/** A day is off in one holiday at most, worked at most once, and never both. */
function checkNoDayTwice(daysOff: Entry[], daysWorked: Entry[], report: Report): void {
  const off = new Map<DayNumber, string>();
  const overlaps = new Set<string>(); // two overlapping holidays are one mistake, however many days they share
  for (const { day, place } of daysOff) {
    const first = off.get(day);
    if (first === undefined) off.set(day, place);
    else if (!overlaps.has(`${first} ${place}`)) {
      overlaps.add(`${first} ${place}`);
      report(place, `${isoDateOf(day)} is already a day off in ${first}`);
    }
  }
  const worked = new Map<DayNumber, string>();
  for (const { day, place } of daysWorked) {
    const holiday = off.get(day);
    if (holiday !== undefined)
      report(place, `${isoDateOf(day)} is a day off in ${holiday}; a day cannot be both off and worked`);
    else if (worked.has(day)) report(place, `${isoDateOf(day)} is already listed at ${worked.get(day)}`);
    else worked.set(day, place);
  }
}
