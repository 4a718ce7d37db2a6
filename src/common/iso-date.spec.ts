import 'reflect-metadata';
import { validateSync } from 'class-validator';
import { IsIsoDate, isIsoDate } from './iso-date';

describe('isIsoDate', () => {
  it.each(['2026-03-01', '2024-02-29', '2000-02-29', '1900-01-01', '2100-12-31', '2026-12-31'])(
    'accepts %s',
    (value) => {
      expect(isIsoDate(value)).toBe(true);
    },
  );

  it.each([
    ['a day that does not exist', '2026-02-30'],
    ['29 February outside a leap year', '2026-02-29'],
    ['1900 is not a leap year', '1900-02-29'],
    ['month 13', '2026-13-01'],
    ['month 0', '2026-00-10'],
    ['day 0', '2026-01-00'],
    ['31 April', '2026-04-31'],
    ['before 1900', '1899-12-31'],
    ['after 2100', '2101-01-01'],
    ['a timestamp', '2026-03-01T00:00:00Z'],
    ['no zero padding', '2026-3-1'],
    ['slashes', '2026/03/01'],
    ['compact form', '20260301'],
    ['empty', ''],
  ])('rejects %s: %j', (_, value) => {
    expect(isIsoDate(value)).toBe(false);
  });

  it.each([[null], [undefined], [20260301], [new Date('2026-03-01')]])(
    'rejects the non-string %p',
    (value) => {
      expect(isIsoDate(value)).toBe(false);
    },
  );
});

describe('@IsIsoDate', () => {
  class Holder {
    @IsIsoDate()
    on: unknown;
  }

  it('reports the property and the accepted range', () => {
    const [error] = validateSync(Object.assign(new Holder(), { on: '2026-02-30' }));
    expect(error.property).toBe('on');
    expect(error.constraints?.isIsoDate).toBe(
      'on must be a real calendar date YYYY-MM-DD between 1900-01-01 and 2100-12-31',
    );
  });

  it('passes a real date', () => {
    expect(validateSync(Object.assign(new Holder(), { on: '2026-02-28' }))).toEqual([]);
  });
});
