/**
 * rules/calendar.json — official holidays and adjusted working days (调休) per year, as the State Council's
 * annual notice lists them. A year without an entry counts Monday to Friday as working days.
 */
export interface CalendarHoliday {
  name: string; // as the notice names it, e.g. 春节
  from: string; // YYYY-MM-DD, first day off
  to: string; // YYYY-MM-DD, last day off (included)
  days: number; // the notice's 共N天, checked against from/to
  adjustedWorkingDays?: string[]; // weekend days worked instead (上班)
}
export interface CalendarYear {
  year: number;
  notice: string; // the notice the entries were taken from
  holidays: CalendarHoliday[];
}
export interface WorkingDayCalendar {
  years: CalendarYear[];
}
