import { RISK_LEVELS, type LevelThresholds, type RiskLevel } from './rule-set.types';

/** The level a score reaches: a score equal to a threshold reaches it (levels.json says `score >= threshold`). */
export function riskLevel(score: number, thresholds: LevelThresholds): RiskLevel {
  if (score >= thresholds.critical) return 'critical';
  if (score >= thresholds.high) return 'high';
  if (score >= thresholds.medium) return 'medium';
  return 'low';
}

export function levelAtLeast(level: RiskLevel, floor: RiskLevel): boolean {
  return RISK_LEVELS.indexOf(level) >= RISK_LEVELS.indexOf(floor);
}
