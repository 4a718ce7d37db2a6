import { DERIVATION_FUNCTIONS } from './derivation-functions';

const context = { submissionDate: '2026-03-02' };
const run = (name: string, args: Record<string, unknown>) => DERIVATION_FUNCTIONS[name].run(args, context);

const records = [
  { list: 'b', listedOn: '2025-01-01', expiresOn: null, status: 'granted' },
  { list: 'a', listedOn: '2020-01-01', expiresOn: '2026-03-02', status: 'pending' },
  { list: 'b', listedOn: '2022-03-02', expiresOn: null, status: 'granted' }, // three years end on 2025-03-02
  { list: 'c', listedOn: '2026-03-03', expiresOn: null, status: 'abandoned' }, // not yet listed
];

// [function, arguments, result]: every function of the vocabulary has rows, a null among its inputs in most.
const CASES: [string, Record<string, unknown>, unknown][] = [
  ['submissionDate', {}, '2026-03-02'],
  ['daysUntil', { date: '2026-03-10' }, 8],
  ['daysUntil', { date: '2026-02-28' }, -2],
  ['daysUntil', { date: null }, null],
  ['completedMonthsSince', { date: '2025-03-02' }, 11], // the period runs from the next day
  ['completedMonthsSince', { date: '2025-03-01' }, 12],
  ['completedMonthsSince', { date: '2026-03-05' }, null], // still ahead
  ['completedMonthsSince', { date: null }, null],
  ['monthsRoundedUp', { from: '2024-01-01', to: '2026-01-02' }, 25],
  ['monthsRoundedUp', { from: '2024-01-01', to: '2026-01-01' }, 24],
  ['monthsRoundedUp', { from: null, to: '2026-01-01' }, null],
  ['notReachedOnSubmission', { date: null }, true],
  ['notReachedOnSubmission', { date: '2026-03-03' }, true],
  ['notReachedOnSubmission', { date: '2026-03-02' }, false],
  ['bindsOnSubmission', { from: '2025-01-01', until: null, maxYears: 2 }, true],
  ['bindsOnSubmission', { from: '2024-03-01', until: null, maxYears: 2 }, false], // the limit ended 2026-03-01
  ['bindsOnSubmission', { from: '2025-06-01', until: '2026-03-01', maxYears: 2 }, false],
  ['bindsOnSubmission', { from: null, until: null, maxYears: 2 }, true], // starts on leaving
  ['bindsOnSubmission', { from: '2026-04-01', until: '2026-03-01', maxYears: 2 }, false],
  // The year after 2025-06-01 runs from 2025-06-02 through 2026-06-01; each date counts, not the elapsed time.
  [
    'countInYearAfter',
    {
      from: '2025-06-01',
      dates: ['2025-06-01', '2025-06-02', '2026-06-01', '2026-06-02', null],
      countWhileOpen: 9,
    },
    2,
  ],
  ['countInYearAfter', { from: '2025-06-01', dates: null, countWhileOpen: 3 }, 3], // the year is still open
  ['countInYearAfter', { from: '2025-03-02', dates: null, countWhileOpen: 3 }, 3], // its last day
  ['countInYearAfter', { from: '2025-03-01', dates: null, countWhileOpen: 3 }, null], // run out, dates unknown
  ['countInYearAfter', { from: '2026-04-01', dates: null, countWhileOpen: 3 }, 0], // not reached
  ['countInYearAfter', { from: null, dates: ['2026-01-01'], countWhileOpen: 1 }, 0],
  [
    'activeOnSubmission',
    { records, from: 'listedOn', until: 'expiresOn', defaultYears: 3 },
    [records[0], records[1]],
  ],
  ['activeOnSubmission', { records: null, from: 'listedOn', until: 'expiresOn', defaultYears: 3 }, []],
  [
    'creditGroundsOf',
    {
      records: [
        { ground: 'ip-crime' },
        { reason: '非正常专利申请' },
        { reason: '拖欠货款' },
        { reason: null },
      ],
    },
    ['ip-crime', 'non-normal-patent-filing', 'non-ip', 'unstated'],
  ],
  ['creditGroundsOf', { records: null }, []],
  ['valuesOf', { records, field: 'list' }, ['b', 'a', 'b', 'c']],
  ['valuesOf', { records: [{}], field: 'list' }, [null]],
  ['distinctSorted', { list: ['b', 'a', 'b'] }, ['a', 'b']],
  ['distinctSorted', { list: null }, []],
  ['count', { list: [1, 1, 2] }, 3],
  ['count', { list: null }, 0],
  ['countDistinct', { list: ['tying', 'tying', 'no-challenge'] }, 2],
  ['differenceCount', { list: ['DE', 'US', 'DE', 'JP'], minus: ['US'] }, 2],
  ['differenceCount', { list: ['DE'], minus: null }, 1],
  ['intersects', { list: ['a', 'b'], values: ['b', 'z'] }, true],
  ['intersects', { list: [], values: ['b'] }, false],
  ['countWhere', { records, field: 'list', values: ['b'] }, 2],
  ['countWhere', { records, field: 'list', values: ['b', 'c'], where: 'status', whereIn: ['granted'] }, 2],
  ['countWhere', { records: null, field: 'list', values: ['b'] }, 0],
  ['sum', { values: [1, null, 2.5] }, 3.5],
  ['ratio', { numerator: 1, denominator: 3 }, 0.3333],
  ['ratio', { numerator: 2, denominator: 0 }, null],
  ['ratio', { numerator: null, denominator: 2 }, null],
  ['smallest', { values: [0.5, null, 0.25] }, 0.25],
  ['smallest', { values: [null] }, null],
  ['isOneOf', { value: 'mixed', values: ['fiscal', 'mixed'] }, true],
  ['isOneOf', { value: null, values: ['fiscal'] }, false],
  ['equals', { value: 'DE', to: 'DE' }, true],
  ['equals', { value: null, to: 'DE' }, false],
  ['notEquals', { value: 'FR', to: 'CN' }, true],
  ['isTrue', { value: true }, true],
  ['isTrue', { value: null }, false],
  ['isFalse', { value: false }, true],
  ['isFalse', { value: null }, false],
  ['isPresent', { value: 0 }, true],
  ['isPresent', { value: null }, false],
  ['greaterThan', { value: 1, than: 0 }, true],
  ['greaterThan', { value: null, than: 0 }, false],
  ['atLeast', { value: 3, min: 3 }, true],
  ['atLeast', { value: null, min: 3 }, false],
  ['allOf', { conditions: [true, true] }, true],
  ['allOf', { conditions: [true, null] }, false],
  ['anyOf', { conditions: [false, true] }, true],
  ['anyOf', { conditions: [null, false] }, false],
  ['countTrue', { conditions: [true, null, true, false] }, 2],
  ['not', { condition: false }, true],
  ['not', { condition: null }, true],
  ['when', { condition: true, then: 'sci-tech', else: 'economic' }, 'sci-tech'],
  ['when', { condition: false, then: 'sci-tech', else: 'economic' }, 'economic'],
  ['when', { condition: null, then: 5 }, null],
  ['constant', { value: false }, false],
];

describe('the derivation vocabulary', () => {
  it.each(CASES)('%s(%j) is %j', (name, args, expected) => {
    expect(run(name, args)).toEqual(expected);
  });

  it('has test rows for every function it offers', () => {
    expect([...new Set(CASES.map(([name]) => name))].sort()).toEqual(
      Object.keys(DERIVATION_FUNCTIONS).sort(),
    );
  });

  it('declares every parameter a row passes', () => {
    for (const [name, args] of CASES)
      for (const arg of Object.keys(args))
        expect([name, arg in DERIVATION_FUNCTIONS[name].params]).toEqual([name, true]);
  });
});
