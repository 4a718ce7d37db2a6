import 'reflect-metadata';
import { validateSync } from 'class-validator';
import { creditCodeCheckCharacter, IsCreditCode, isValidCreditCode } from './credit-code';

// Published codes of well-known companies and the example from GB 32100-2015 itself.
const REAL_CODES = {
  'GB 32100-2015 example': '91350100M000100Y43',
  'Huawei Technologies Co., Ltd.': '914403001922038216',
  'Shenzhen Tencent Computer Systems Co., Ltd.': '9144030071526726XG',
  'Alibaba (China) Co., Ltd.': '91330100799655058B',
};

describe('isValidCreditCode', () => {
  it.each(Object.entries(REAL_CODES))('accepts the code of %s', (_, code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('computes the check character by hand for one code (sum mod 31)', () => {
    // 9*1 + 1*3 + 3*9 + 5*27 + 0 + 1*26 + 0 + 0 + M(21)*20 + 0 + 0 + 0 + 1*8 + 0 + 0 + Y(30)*30 + 4*28 = 1640;
    // 1640 mod 31 = 28, 31 - 28 = 3.
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('maps a remainder of 0 to the check character 0, not 31', () => {
    // The body "00000000000000000" sums to 0: 31 - 0 = 31 -> 0.
    expect(creditCodeCheckCharacter('00000000000000000')).toBe('0');
    expect(isValidCreditCode('000000000000000000')).toBe(true);
  });

  it.each([
    ['wrong check digit', '91350100M000100Y44'],
    ['wrong check letter', '9144030071526726XH'],
    ['two characters swapped', '91350100M000100Y34'],
    ['letter I', '91350100M0001I0Y43'],
    ['letter O', '91350100M0001O0Y43'],
    ['letter S', '91350100M0001S0Y43'],
    ['letter V', '91350100M0001V0Y43'],
    ['letter Z', '91350100M0001Z0Y43'],
    ['17 characters', '91350100M000100Y4'],
    ['19 characters', '91350100M000100Y433'],
    ['empty', ''],
    ['lower case', '9144030071526726xg'],
    ['surrounding space', ' 91350100M000100Y43'],
    ['a hyphen', '91350100-M000100Y4'],
  ])('rejects %s: %j', (_, code) => {
    expect(isValidCreditCode(code)).toBe(false);
  });

  it('does not throw on non-strings reaching it at run time', () => {
    expect(isValidCreditCode(undefined as unknown as string)).toBe(false);
    expect(isValidCreditCode(91350100 as unknown as string)).toBe(false);
  });
});

describe('@IsCreditCode', () => {
  class Holder {
    @IsCreditCode()
    code: unknown;
  }
  const errorsFor = (code: unknown) => validateSync(Object.assign(new Holder(), { code }));

  it('passes a valid code', () => {
    expect(errorsFor('91350100M000100Y43')).toEqual([]);
  });

  it.each([['91350100M000100Y44'], [null], [123]])('fails %j with a reason naming the standard', (code) => {
    const [error] = errorsFor(code);
    expect(error.property).toBe('code');
    expect(error.constraints).toEqual({ isCreditCode: expect.stringContaining('GB 32100-2015') });
  });
});
