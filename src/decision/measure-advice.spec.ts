import { DomainError } from '../common/domain-error';
import type { Finding, HardStop } from './decision.types';
import { adviseMeasures } from './measure-advice';

const catalogue = [
  { code: 'fto-opinion', zh: '取得自由实施（FTO）意见', en: 'Obtain a freedom-to-operate opinion' },
  { code: 'licence', zh: '取得许可', en: 'Obtain the licence' },
  { code: 'commitment', zh: '书面不侵权承诺', en: 'Written non-infringement commitment' },
];
const text = { zh: '理由', en: 'reason' };
const finding = (rule: string, measure?: string): Finding => ({
  rule,
  dimension: 'infringement',
  points: 1,
  reason: text,
  basis: 'b',
  ...(measure ? { measure } : {}),
});
const hardStop = (rule: string, measure?: string): HardStop => ({
  rule,
  reason: text,
  basis: 'b',
  ...(measure ? { measure } : {}),
});

describe('adviseMeasures', () => {
  it('lists each measure once, in the order first met (findings, then hard stops), with all rules asking for it', () => {
    const advice = adviseMeasures(
      [finding('x.b', 'licence'), finding('x.a'), finding('x.c', 'fto-opinion'), finding('x.d', 'licence')],
      [hardStop('x.stop', 'commitment'), hardStop('x.stop2', 'fto-opinion')],
      catalogue,
    );
    expect(advice).toEqual([
      { code: 'licence', zh: '取得许可', en: 'Obtain the licence', rules: ['x.b', 'x.d'] },
      {
        code: 'fto-opinion',
        zh: '取得自由实施（FTO）意见',
        en: 'Obtain a freedom-to-operate opinion',
        rules: ['x.c', 'x.stop2'],
      },
      {
        code: 'commitment',
        zh: '书面不侵权承诺',
        en: 'Written non-infringement commitment',
        rules: ['x.stop'],
      },
    ]);
  });

  it('returns copies: changing the advice does not change the catalogue', () => {
    const [first] = adviseMeasures([finding('x.a', 'licence')], [], catalogue);
    first.zh = 'changed';
    expect(catalogue[1].zh).toBe('取得许可');
  });

  it('rejects a measure that is not in the catalogue as a definition error', () => {
    expect(() => adviseMeasures([finding('x.a', 'nope')], [], catalogue)).toThrow(DomainError);
    try {
      adviseMeasures([finding('x.a', 'nope')], [], catalogue);
    } catch (error) {
      expect((error as DomainError).code).toBe('definition.invalid');
    }
  });
});
