/**
 * Derived facts of a technology or product import/export (rules/technology-trade/facts.json), from the
 * input facts only: none of them depends on a date, so `submittedAt` is accepted for the common signature
 * and not read.
 */
import type { Facts } from '../decision.types';

interface TechnologyTradeFacts {
  direction: 'import' | 'export';
  subject: 'technology' | 'product' | 'both';
  restrictiveClauses: string[];
}

export function deriveTechnologyTradeFacts(facts: Facts, _submittedAt: string): Record<string, unknown> {
  const trade = facts as unknown as TechnologyTradeFacts;
  return {
    // A trade is not an application for fiscal funds, so the Guangdong Art. 49 bar (shared credit rules)
    // has nothing to bar here. Technology developed with fiscal money is a different matter, covered by
    // stateFundedTechnology and Art. 34 of the S&T Progress Law.
    fiscallyFunded: false,
    // Only technology leaving China raises the export-side duties (secrecy examination before filing abroad,
    // approval of transfers of state-funded technology); a product export carries no technology transfer.
    technologyExport:
      trade.direction === 'export' && (trade.subject === 'technology' || trade.subject === 'both'),
    // Distinct clauses: the same clause named twice is one clause.
    restrictiveClauseCount: new Set(trade.restrictiveClauses ?? []).size,
  };
}
