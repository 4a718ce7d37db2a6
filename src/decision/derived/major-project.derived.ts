/**
 * Derived facts of a major project (rules/major-project/facts.json), from the input facts only: none of
 * them depends on a date, so `submittedAt` is accepted for the common signature and not read.
 */
import type { Facts } from '../decision.types';

type Category =
  | 'industrial-plan'
  | 'government-investment'
  | 'innovation-project'
  | 'sci-tech-project'
  | 'technology-introduction'
  | 'overseas-acquisition';

interface MajorProjectFacts {
  category: Category;
  fundingSource: 'fiscal' | 'state-capital' | 'mixed' | 'private';
  fiscalInvestmentCny: number;
  targetMarkets: string[];
  patentCoverageMarkets: string[];
  ipTargets: Record<string, unknown> | null;
}

/**
 * Jiangsu's 2016 measures name two kinds of major activity with their own fiscal thresholds: economic ones
 * (major works, industrial development, overseas M&A, ...) and S&T ones (major S&T projects, key technology
 * R&D, major technology introduction, ...). A category not listed here counts as economic.
 */
const SCI_TECH_CATEGORIES: readonly Category[] = [
  'sci-tech-project',
  'innovation-project',
  'technology-introduction',
];

/**
 * Fiscal funds are what Guangdong Art. 49 bars: state capital (国有资本) is not fiscal money, though
 * Art. 11 still asks for an evaluation of projects built with it.
 */
const FISCAL_SOURCES: readonly MajorProjectFacts['fundingSource'][] = ['fiscal', 'mixed'];

export function deriveMajorProjectFacts(facts: Facts, _submittedAt: string): Record<string, unknown> {
  const project = facts as unknown as MajorProjectFacts;
  const covered = new Set(project.patentCoverageMarkets ?? []);
  // Distinct markets: a country listed twice is still one market without protection.
  const uncovered = new Set((project.targetMarkets ?? []).filter((market) => !covered.has(market)));
  return {
    fiscallyFunded: FISCAL_SOURCES.includes(project.fundingSource) || (project.fiscalInvestmentCny ?? 0) > 0,
    activityKind: SCI_TECH_CATEGORIES.includes(project.category) ? 'sci-tech' : 'economic',
    uncoveredTargetMarkets: uncovered.size,
    ipTargetsSet: project.ipTargets !== null && project.ipTargets !== undefined,
  };
}
