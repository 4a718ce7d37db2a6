import { levelAtLeast, riskLevel } from './risk-level';

describe('riskLevel', () => {
  const thresholds = { medium: 20, high: 40, critical: 60 };

  it.each([
    [0, 'low'],
    [19, 'low'],
    [20, 'medium'],
    [39, 'medium'],
    [40, 'high'],
    [59, 'high'],
    [60, 'critical'],
    [1000, 'critical'],
    [-5, 'low'],
  ])('score %d is %s (a score equal to a threshold reaches it)', (score, level) => {
    expect(riskLevel(score, thresholds)).toBe(level);
  });

  it('handles fractional points at the boundary', () => {
    expect(riskLevel(19.5, { medium: 19.5, high: 40, critical: 60 })).toBe('medium');
    expect(riskLevel(19.49, { medium: 19.5, high: 40, critical: 60 })).toBe('low');
  });
});

describe('levelAtLeast', () => {
  it.each([
    ['high', 'high', true],
    ['critical', 'high', true],
    ['medium', 'high', false],
    ['low', 'low', true],
  ] as const)('%s at least %s: %s', (level, floor, expected) => {
    expect(levelAtLeast(level, floor)).toBe(expected);
  });
});
