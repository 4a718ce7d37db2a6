import 'reflect-metadata';
import { validateSync } from 'class-validator';
import { IsCountryCode, isCountryCode } from './country-code';

describe('isCountryCode', () => {
  it.each(['CN', 'DE', 'US', 'JP', 'HK'])('accepts %s', (code) => {
    expect(isCountryCode(code)).toBe(true);
  });

  it.each([
    ['not assigned', 'XX'],
    ['lower case (rules compare exact strings)', 'cn'],
    ['a name', 'china'],
    ['alpha-3', 'CHN'],
    ['empty', ''],
    ['a number', 86],
  ])('rejects %s: %j', (_, code) => {
    expect(isCountryCode(code)).toBe(false);
  });
});

describe('@IsCountryCode', () => {
  class Holder {
    @IsCountryCode()
    country: unknown;

    @IsCountryCode({ each: true })
    markets: unknown[];
  }

  it('gives one reason per bad value, naming the bad list items by index', () => {
    const errors = validateSync(
      Object.assign(new Holder(), { country: 'china', markets: ['DE', 'cn', 'XX'] }),
    );
    expect(errors.map((e) => [e.property, Object.values(e.constraints ?? {})])).toEqual([
      ['country', ['country must be an upper-case ISO 3166-1 alpha-2 country code such as "CN"']],
      [
        'markets',
        [
          'markets must hold only upper-case ISO 3166-1 alpha-2 country codes such as "CN" (not: [1] "cn", [2] "XX")',
        ],
      ],
    ]);
  });
});
