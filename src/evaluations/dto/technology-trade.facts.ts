import { CountryFact, CountryListFact, EnumFact, EnumListFact, FlagFact } from './fact-property.decorators';

/** Facts of a `technology-trade` (产品和技术进出口), DOMAIN.md §4; field names are the public contract. */
export const TRADE_DIRECTIONS = ['import', 'export'] as const;
export const TRADE_SUBJECTS = ['technology', 'product', 'both'] as const;
export const TECHNOLOGY_CATALOGUE_CLASSES = ['prohibited', 'restricted', 'free', 'not-applicable'] as const;
/** Licence clauses void under 民法典 Art. 850 and the SPC technology-contract interpretation Art. 10. */
export const RESTRICTIVE_CLAUSES = [
  'improvement-restriction',
  'exclusive-grant-back',
  'no-challenge',
  'export-market-limit',
  'tying',
  'source-restriction',
] as const;

export class TechnologyTradeFactsDto {
  @EnumFact(TRADE_DIRECTIONS, { description: '方向 direction' })
  direction: (typeof TRADE_DIRECTIONS)[number];

  @EnumFact(TRADE_SUBJECTS, { description: '标的 subject' })
  subject: (typeof TRADE_SUBJECTS)[number];

  @EnumFact(TECHNOLOGY_CATALOGUE_CLASSES, { description: '技术目录类别 class in the technology catalogue' })
  technologyCatalogueClass: (typeof TECHNOLOGY_CATALOGUE_CLASSES)[number];

  @FlagFact({ description: '已取得许可证 licence obtained' })
  licenceObtained: boolean;

  @CountryFact({ description: '交易对方所在国 counterparty country' })
  counterpartyCountry: string;

  @FlagFact({ description: '交易对方在管控名单上 counterparty on a control list (出口管制法)' })
  counterpartyOnControlList: boolean;

  @FlagFact({ description: '两用物项 dual-use item' })
  dualUseItem: boolean;

  @FlagFact({ description: '财政资助形成的技术 state-funded technology' })
  stateFundedTechnology: boolean;

  @FlagFact({ description: '对外转让已获批准 transfer abroad approved' })
  foreignTransferApproved: boolean;

  @FlagFact({
    description: '向外申请专利保密审查已通过 confidentiality examination for filing abroad passed',
  })
  foreignFilingSecrecyCleared: boolean;

  @FlagFact({ description: '权属已核实 ownership verified' })
  ownershipVerified: boolean;

  @EnumListFact(RESTRICTIVE_CLAUSES, { description: '限制性条款 restrictive licence clauses' })
  restrictiveClauses: (typeof RESTRICTIVE_CLAUSES)[number][];

  @CountryListFact({ description: '目的市场 destination markets' })
  destinationMarkets: string[];

  @FlagFact({ description: '已做自由实施（FTO）检索 freedom-to-operate search done' })
  ftoSearchDone: boolean;

  @FlagFact({ description: '美国 337 调查风险 exposure to a US Section 337 investigation' })
  section337Exposure: boolean;

  @FlagFact({ description: '已办理海关知识产权备案 customs recordal of IP rights' })
  customsRecordal: boolean;
}
