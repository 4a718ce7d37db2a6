import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkingDayCalendar } from './working-day-calendar.types';
import {
  addWorkingDays,
  calendarCoversYear,
  chinaDayOf,
  dayOf,
  endOfChinaDay,
  isoDateOf,
  isWorkingDay,
  nthWorkingDayAfter,
  nthWorkingDayBefore,
  reminderTime,
  startOfChinaDay,
  weekdayOf,
} from './working-days';

/** The real calendar as shipped (rules/calendar.json): these dates are the State Council's. */
const CALENDAR = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'rules', 'calendar.json'), 'utf8'),
) as WorkingDayCalendar;
const EMPTY: WorkingDayCalendar = { years: [] };

/** An instant given in China time, e.g. china('2026-02-12 10:00'). */
const china = (local: string) => new Date(`${local.replace(' ', 'T')}:00.000+08:00`);
const working = (date: string, calendar = CALENDAR) => isWorkingDay(dayOf(date), calendar);

describe('China calendar days', () => {
  it('takes the date in China time, which is ahead of UTC by eight hours', () => {
    expect(isoDateOf(chinaDayOf(new Date('2026-02-12T15:59:59.999Z')))).toBe('2026-02-12'); // 23:59:59.999 in Beijing
    expect(isoDateOf(chinaDayOf(new Date('2026-02-12T16:00:00.000Z')))).toBe('2026-02-13'); // midnight in Beijing
  });

  it('starts and ends a China day at 00:00 and 23:59:59.999 Beijing time', () => {
    expect(startOfChinaDay(dayOf('2026-02-25')).toISOString()).toBe('2026-02-24T16:00:00.000Z');
    expect(endOfChinaDay(dayOf('2026-02-26')).toISOString()).toBe('2026-02-26T15:59:59.999Z');
  });

  it.each([
    ['1970-01-01', 4],
    ['2026-02-14', 6],
    ['2026-02-15', 0],
    ['2026-02-16', 1],
    ['1969-12-31', 3],
  ])('knows %s is weekday %i (0 = Sunday)', (date, weekday) => {
    expect(weekdayOf(dayOf(date))).toBe(weekday);
  });
});

describe('working days on the official calendar', () => {
  it.each([
    ['2026-02-13', true, 'a Friday before the Spring Festival'],
    ['2026-02-14', true, 'a Saturday worked for the Spring Festival (调休上班)'],
    ['2026-02-16', false, 'a Monday of the Spring Festival'],
    ['2026-02-21', false, 'a Saturday inside the Spring Festival'],
    ['2026-02-23', false, 'the last day of the Spring Festival, a Monday'],
    ['2026-02-24', true, 'the first working day after it'],
    ['2026-02-28', true, 'the second worked Saturday'],
    ['2026-03-07', false, 'an ordinary Saturday'],
    ['2026-09-20', true, 'a Sunday worked for National Day'],
    ['2026-10-08', true, 'the Thursday after National Day'],
    ['2025-01-26', true, 'a Sunday worked for the 2025 Spring Festival'],
    ['2025-10-08', false, 'the last day of the 2025 National Day and Mid-Autumn holiday'],
  ])('%s is %s: %s', (date, expected) => {
    expect(working(date)).toBe(expected);
  });

  it('counts weekdays and weekends only in a year without a notice', () => {
    expect(calendarCoversYear(CALENDAR, 2026)).toBe(true);
    expect(calendarCoversYear(CALENDAR, 2027)).toBe(false);
    expect(working('2027-01-01')).toBe(true); // a Friday: without the 2027 notice, New Year's Day is not known as a holiday
    expect(working('2027-01-02')).toBe(false);
    expect(working('2026-02-16', EMPTY)).toBe(true);
    expect(working('2026-02-14', EMPTY)).toBe(false);
  });
});

describe('addWorkingDays: due at the end of the n-th working day after the day of opening', () => {
  it('crosses a worked Saturday and the Spring Festival', () => {
    // Opened Thursday 12 February: Fri 13 (1), Sat 14 worked (2), 15-23 holiday, Tue 24 (3), Wed 25 (4), Thu 26 (5).
    expect(addWorkingDays(china('2026-02-12 10:00'), 5, CALENDAR).toISOString()).toBe(
      '2026-02-26T15:59:59.999Z',
    );
    // Weekends only (no notice), the same five days end on Thursday 19 February.
    expect(addWorkingDays(china('2026-02-12 10:00'), 5, EMPTY).toISOString()).toBe(
      '2026-02-19T15:59:59.999Z',
    );
  });

  it('does not count the day of opening, at whatever hour the task opened', () => {
    const due = '2026-02-26T15:59:59.999Z';
    expect(addWorkingDays(china('2026-02-12 00:00'), 5, CALENDAR).toISOString()).toBe(due);
    expect(addWorkingDays(china('2026-02-12 23:59'), 5, CALENDAR).toISOString()).toBe(due);
    // One minute later it is the 13th in Beijing, although still the 12th in UTC: one working day later.
    expect(addWorkingDays(china('2026-02-13 00:01'), 5, CALENDAR).toISOString()).toBe(
      '2026-02-27T15:59:59.999Z',
    );
  });

  it('starts counting after a holiday or a worked weekend day the task opened on', () => {
    expect(isoDateOf(nthWorkingDayAfter(dayOf('2026-02-16'), 1, CALENDAR))).toBe('2026-02-24');
    expect(isoDateOf(nthWorkingDayAfter(dayOf('2026-02-14'), 1, CALENDAR))).toBe('2026-02-24');
  });

  it('counts back over a holiday and skips a worked weekend day only when it is not one', () => {
    // Before Tue 24 Feb 2026: the Spring Festival 15-23 is off, Sat 14 is worked, Fri 13 before it.
    expect(isoDateOf(nthWorkingDayBefore(dayOf('2026-02-24'), 1, CALENDAR))).toBe('2026-02-14');
    expect(isoDateOf(nthWorkingDayBefore(dayOf('2026-02-24'), 2, CALENDAR))).toBe('2026-02-13');
    // Without a notice (2027) a week back is five weekdays.
    expect(isoDateOf(nthWorkingDayBefore(dayOf('2027-03-31'), 10, CALENDAR))).toBe('2027-03-17');
    expect(() => nthWorkingDayBefore(dayOf('2027-03-31'), 0, CALENDAR)).toThrow(RangeError);
  });

  it('crosses Mid-Autumn and National Day 2026 with its worked Sunday and Saturday', () => {
    // Fri 18 Sep: Sun 20 worked (1), 21-24 (2-5), 25-27 Mid-Autumn, 28-30 (6-8), 1-7 Oct holiday, Thu 8 (9), Fri 9 (10).
    expect(addWorkingDays(china('2026-09-18 09:00'), 10, CALENDAR).toISOString()).toBe(
      '2026-10-09T15:59:59.999Z',
    );
    // Sat 10 Oct is worked: from Fri 9 Oct one working day is the 10th.
    expect(isoDateOf(nthWorkingDayAfter(dayOf('2026-10-09'), 1, CALENDAR))).toBe('2026-10-10');
  });

  it('crosses from a year with a notice into one without', () => {
    // Thu 31 Dec 2026: Fri 1 Jan 2027 counts (no 2027 notice), then Mon 4 and Tue 5.
    expect(isoDateOf(nthWorkingDayAfter(dayOf('2026-12-31'), 3, CALENDAR))).toBe('2027-01-05');
  });

  it.each([0, -1, 1.5, Number.NaN, 367])('refuses %p working days', (n) => {
    expect(() => addWorkingDays(china('2026-02-12 10:00'), n, CALENDAR)).toThrow(RangeError);
  });
});

describe('reminderTime: the start of the working day `before` working days before the due day', () => {
  it('comes at 00:00 Beijing time of the 4th of 5 working days with before = 1', () => {
    // Due Thu 26 Feb; one working day before it is Wed 25 Feb.
    expect(reminderTime(china('2026-02-12 10:00'), 5, 1, CALENDAR).toISOString()).toBe(
      '2026-02-24T16:00:00.000Z',
    );
  });

  it('lands on a worked Saturday when that is the working day before', () => {
    // Opened Thu 12 Feb with 3 days: Fri 13, Sat 14 (worked), Tue 24 due; two working days before is Fri 13, one is Sat 14.
    expect(reminderTime(china('2026-02-12 10:00'), 3, 1, CALENDAR).toISOString()).toBe(
      '2026-02-13T16:00:00.000Z',
    );
    expect(reminderTime(china('2026-02-12 10:00'), 3, 2, CALENDAR).toISOString()).toBe(
      '2026-02-12T16:00:00.000Z',
    );
  });

  it.each([0, 5, 6])('refuses before = %p with a limit of 5', (before) => {
    expect(() => reminderTime(china('2026-02-12 10:00'), 5, before, CALENDAR)).toThrow(RangeError);
  });
});
