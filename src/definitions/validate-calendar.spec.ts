import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  copyValidTree,
  editJson,
  problemsLoading,
  removeFile,
  removeTreeCopies,
  type Json,
} from '../../test/fixtures/definitions/fixture-tree';
import type { DefinitionProblem } from './definition-error';
import { loadDefinitions } from './load-definitions';
import { validateCalendar } from './validate-calendar';

const REPOSITORY_ROOT = join(__dirname, '..', '..');
const shipped = () =>
  JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'rules', 'calendar.json'), 'utf8')) as Json;

function problemsOf(document: unknown): Omit<DefinitionProblem, 'file'>[] {
  const problems: Omit<DefinitionProblem, 'file'>[] = [];
  validateCalendar(document, (place, reason) => problems.push({ place, reason }));
  return problems;
}

/** The shipped calendar with one change: each case below breaks one thing an operator could get wrong. */
function broken(edit: (calendar: Json) => void): Omit<DefinitionProblem, 'file'>[] {
  const calendar = shipped();
  edit(calendar);
  return problemsOf(calendar);
}

const springFestival2026 = (c: Json) => c.years[1].holidays[1];

describe('rules/calendar.json', () => {
  it('the shipped calendar is valid and holds the 2025 and 2026 notices', () => {
    expect(problemsOf(shipped())).toEqual([]);
    expect(loadDefinitions(REPOSITORY_ROOT).calendar.years.map((year) => year.year)).toEqual([2025, 2026]);
  });

  it('an empty list of years is valid: every year then counts weekends only', () => {
    expect(problemsOf({ years: [] })).toEqual([]);
  });

  it.each<[string, (c: Json) => void, Omit<DefinitionProblem, 'file'>]>([
    [
      'a day count that does not match the range',
      (c) => (springFestival2026(c).days = 8),
      { place: '/years/1/holidays/1/days', reason: '2026-02-15 to 2026-02-23 is 9 days, but days says 8' },
    ],
    [
      'a range that ends before it starts',
      (c) => (springFestival2026(c).to = '2026-02-13'),
      { place: '/years/1/holidays/1/to', reason: 'to (2026-02-13) is before from (2026-02-15)' },
    ],
    [
      'a worked day that is a weekday',
      (c) => (springFestival2026(c).adjustedWorkingDays = ['2026-02-13']),
      {
        place: '/years/1/holidays/1/adjustedWorkingDays/0',
        reason: '2026-02-13 is not a Saturday or Sunday; only weekend days are adjusted to working days',
      },
    ],
    [
      'a worked day inside a holiday',
      (c) => (springFestival2026(c).adjustedWorkingDays = ['2026-02-21']),
      {
        place: '/years/1/holidays/1/adjustedWorkingDays/0',
        reason: '2026-02-21 is a day off in /years/1/holidays/1; a day cannot be both off and worked',
      },
    ],
    [
      'two holidays that overlap',
      (c) => Object.assign(c.years[1].holidays[2], { from: '2026-02-23', to: '2026-02-25', days: 3 }),
      { place: '/years/1/holidays/2', reason: '2026-02-23 is already a day off in /years/1/holidays/1' },
    ],
    [
      'a date that does not exist',
      (c) => (springFestival2026(c).from = '2026-02-30'),
      { place: '/years/1/holidays/1/from', reason: 'must be a real date YYYY-MM-DD, found "2026-02-30"' },
    ],
    [
      'a date in the wrong year',
      (c) => (c.years[1].holidays[2].from = '2025-04-04'),
      {
        place: '/years/1/holidays/2/from',
        reason: '2025-04-04 is not in 2026 (or within 31 days of it): is the year mistyped?',
      },
    ],
    [
      'the same year twice',
      (c) => (c.years[1].year = 2025),
      { place: '/years/1/year', reason: 'year 2025 is already entered at /years/0' },
    ],
    [
      'a year without its notice',
      (c) => delete c.years[0].notice,
      {
        place: '/years/0/notice',
        reason: 'required key "notice" is missing',
      },
    ],
    [
      'a misspelt key',
      (c) => (springFestival2026(c).workingDays = ['2026-02-14']),
      {
        place: '/years/1/holidays/1/workingDays',
        reason: expect.stringContaining('unknown key "workingDays"'),
      },
    ],
  ])('refuses %s', (_what, edit, problem) => {
    expect(broken(edit)).toEqual(expect.arrayContaining([problem]));
  });

  it('a holiday may begin in late December of the year before, as 元旦 2024 did', () => {
    const calendar = {
      years: [
        {
          year: 2024,
          notice: '国务院办公厅关于2024年部分节假日安排的通知',
          holidays: [{ name: '元旦', from: '2023-12-30', to: '2024-01-01', days: 3 }],
        },
      ],
    };
    expect(problemsOf(calendar)).toEqual([]);
  });

  describe('as part of the definitions', () => {
    afterEach(removeTreeCopies);

    it('a broken calendar stops the load with file, place and reason', () => {
      const root = copyValidTree();
      editJson(
        root,
        'rules/calendar.json',
        (c) => (c.years[0].holidays[0].adjustedWorkingDays = ['2026-02-16']),
      );
      expect(problemsLoading(root)).toEqual([
        {
          file: 'rules/calendar.json',
          place: '/years/0/holidays/0/adjustedWorkingDays/0',
          reason: '2026-02-16 is not a Saturday or Sunday; only weekend days are adjusted to working days',
        },
      ]);
    });

    it('a missing calendar stops the load: deadlines would silently ignore every holiday', () => {
      const root = copyValidTree();
      removeFile(root, 'rules/calendar.json');
      expect(problemsLoading(root)).toEqual([
        { file: 'rules/calendar.json', place: '', reason: 'required file is missing' },
      ]);
    });
  });
});
