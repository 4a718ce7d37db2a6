import type { RouteDefaults } from './rule-set.types';
import { buildRoute, type FiredRoute } from './build-route';
import type { HardStop } from './decision.types';

const defaults: RouteDefaults = {
  departments: ['ipo', 'hr'],
  mode: 'any',
  expertReviewAtLevel: 'high',
  legalityReviewOnHardStop: true,
};
const reason = (en: string) => ({ zh: en, en });
const stop: HardStop = { rule: 'x.stop', reason: reason('stop'), basis: 'b' };

describe('buildRoute', () => {
  it('starts from the defaults, each with the default-route reason', () => {
    const route = buildRoute(defaults, [], 'low', []);
    expect(route.mode).toBe('any');
    expect(route.countersign.map((s) => s.department)).toEqual(['ipo', 'hr']);
    expect(route.countersign[0].reasons.map((r) => r.rule)).toEqual(['policy.default-route']);
    expect(route).toMatchObject({ expertReview: false, legalityReview: false, reasons: [] });
  });

  it('adds departments in the order met without duplicates, and records every rule that asked', () => {
    const fired: FiredRoute[] = [
      { rule: 'x.r1', params: { reason: reason('r1'), departments: ['commerce', 'hr', 'commerce'] } },
      { rule: 'x.r2', params: { reason: reason('r2'), departments: ['justice', 'commerce'] } },
    ];
    const route = buildRoute(defaults, fired, 'low', []);
    expect(route.countersign.map((s) => s.department)).toEqual(['ipo', 'hr', 'commerce', 'justice']);
    expect(route.countersign.find((s) => s.department === 'hr')?.reasons.map((r) => r.rule)).toEqual([
      'policy.default-route',
      'x.r1',
    ]);
    expect(route.countersign.find((s) => s.department === 'commerce')?.reasons.map((r) => r.rule)).toEqual([
      'x.r1',
      'x.r2',
    ]);
    expect(route.reasons.map((r) => r.rule)).toEqual(['x.r1', 'x.r2']);
  });

  it.each([
    ['any', ['all'], 'all'],
    ['any', ['sequential', 'all'], 'sequential'],
    ['all', ['any'], 'all'],
    ['sequential', ['any', 'all'], 'sequential'],
    ['any', [], 'any'],
  ] as const)('default %s with rules asking %j gives %s (the strictest wins)', (start, asked, expected) => {
    const fired = asked.map((mode, i) => ({ rule: `x.m${i}`, params: { reason: reason('m'), mode } }));
    expect(buildRoute({ ...defaults, mode: start }, fired, 'low', []).mode).toBe(expected);
  });

  it('ORs expert and legality review from rules', () => {
    const fired: FiredRoute[] = [
      { rule: 'x.a', params: { reason: reason('a'), expertReview: true, legalityReview: false } },
      { rule: 'x.b', params: { reason: reason('b'), legalityReview: true } },
      { rule: 'x.c', params: { reason: reason('c'), expertReview: false } },
    ];
    expect(buildRoute(defaults, fired, 'low', [])).toMatchObject({
      expertReview: true,
      legalityReview: true,
    });
  });

  it.each([
    ['medium', false],
    ['high', true],
    ['critical', true],
  ] as const)(
    'expertReviewAtLevel high with level %s: expert review %s, recorded as a policy reason',
    (level, expected) => {
      const route = buildRoute(defaults, [], level, []);
      expect(route.expertReview).toBe(expected);
      expect(route.reasons.some((r) => r.rule === 'policy.expert-review-at-level')).toBe(expected);
    },
  );

  it('expertReviewAtLevel null never sets expert review', () => {
    expect(buildRoute({ ...defaults, expertReviewAtLevel: null }, [], 'critical', []).expertReview).toBe(
      false,
    );
  });

  it('a hard stop sets legality review when the policy is on, with the hard stops named', () => {
    const route = buildRoute(defaults, [], 'low', [stop]);
    expect(route.legalityReview).toBe(true);
    expect(route.reasons).toEqual([
      {
        rule: 'policy.legality-review-on-hard-stop',
        reason: {
          zh: '存在否决项（x.stop），须经合法性审查',
          en: 'Hard stops (x.stop) call for legality review',
        },
      },
    ]);
    expect(
      buildRoute({ ...defaults, legalityReviewOnHardStop: false }, [], 'low', [stop]).legalityReview,
    ).toBe(false);
  });

  it('rule reasons come before policy reasons', () => {
    const route = buildRoute(defaults, [{ rule: 'x.r', params: { reason: reason('r') } }], 'critical', [
      stop,
    ]);
    expect(route.reasons.map((r) => r.rule)).toEqual([
      'x.r',
      'policy.expert-review-at-level',
      'policy.legality-review-on-hard-stop',
    ]);
  });
});
