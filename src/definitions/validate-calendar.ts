/**
 * rules/calendar.json: the official holidays and adjusted working days (调休) per year, entered from the
 * State Council's annual notices. calendar.schema.json says what an entry holds (real dates, whole day
 * counts, years 2000 to 2100); a wrong entry silently moves every deadline, so this checks the rest as
 * closely as the notice allows: dates near the notice's year, the notice's day count against the range,
 * worked days that really are weekend days, no day both off and worked, no year twice.
 */
import { dayOf, isWeekend, isoDateOf, type DayNumber } from '../calendar/working-days';
import type { CalendarHoliday, WorkingDayCalendar } from './definition.types';
import { checkAgainstSchema } from './definition-schemas';
import { childPointer, jsonPointer } from './json-pointer';
import type { Report } from './json-shape';

/** A holiday may start in late December of the year before (元旦 2024 began on 2023-12-30), or end in January after. */
const DAYS_OUTSIDE_THE_YEAR = 31;

interface Entry {
  day: DayNumber;
  place: string;
}

export function validateCalendar(document: unknown, report: Report): void {
  if (!checkAgainstSchema('calendar.schema.json', document, report)) return;
  const yearsSeen = new Map<number, string>();
  const daysOff: Entry[] = [];
  const daysWorked: Entry[] = [];
  (document as WorkingDayCalendar).years.forEach(({ year, holidays }, index) => {
    const place = jsonPointer('years', index);
    const first = yearsSeen.get(year);
    if (first !== undefined)
      report(childPointer(place, 'year'), `year ${year} is already entered at ${first}`);
    else yearsSeen.set(year, place);
    holidays.forEach((holiday, at) =>
      checkHoliday(holiday, childPointer(place, 'holidays', at), year, report, daysOff, daysWorked),
    );
  });
  checkNoDayTwice(daysOff, daysWorked, report);
}

function checkHoliday(
  holiday: CalendarHoliday,
  place: string,
  year: number,
  report: Report,
  daysOff: Entry[],
  daysWorked: Entry[],
): void {
  const from = dayNear(holiday.from, year, childPointer(place, 'from'), report);
  const to = dayNear(holiday.to, year, childPointer(place, 'to'), report);
  const { days } = holiday;
  if (from !== null && to !== null) {
    if (from > to)
      report(childPointer(place, 'to'), `to (${isoDateOf(to)}) is before from (${isoDateOf(from)})`);
    else if (to - from + 1 !== days) {
      report(
        childPointer(place, 'days'),
        `${isoDateOf(from)} to ${isoDateOf(to)} is ${to - from + 1} days, but days says ${days}`,
      );
    } else {
      for (let day = from; day <= to; day++) daysOff.push({ day, place });
    }
  }
  (holiday.adjustedWorkingDays ?? []).forEach((date, index) => {
    const at = childPointer(place, 'adjustedWorkingDays', index);
    const day = dayNear(date, year, at, report);
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

/** A date (real, as the schema checked) in the notice's year, or within a month of it. */
function dayNear(date: string, year: number, place: string, report: Report): DayNumber | null {
  const day = dayOf(date);
  const first = dayOf(`${year}-01-01`) - DAYS_OUTSIDE_THE_YEAR;
  const last = dayOf(`${year}-12-31`) + DAYS_OUTSIDE_THE_YEAR;
  if (day >= first && day <= last) return day;
  report(
    place,
    `${date} is not in ${year} (or within ${DAYS_OUTSIDE_THE_YEAR} days of it): is the year mistyped?`,
  );
  return null;
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
