import {
  CountFact,
  CountryListFact,
  EnumFact,
  FlagFact,
  MoneyFact,
  ObjectFact,
} from './fact-property.decorators';

/** Facts of a `major-project` (重大经济和科技项目), DOMAIN.md §4; field names are the public contract. */
export const MAJOR_PROJECT_CATEGORIES = [
  'industrial-plan',
  'government-investment',
  'innovation-project',
  'sci-tech-project',
  'technology-introduction',
  'overseas-acquisition',
] as const;
export const FUNDING_SOURCES = ['fiscal', 'state-capital', 'mixed', 'private'] as const;
export const TECHNOLOGY_OWNERSHIPS = [
  'owned',
  'co-owned',
  'exclusive-licence',
  'non-exclusive-licence',
  'none',
  'disputed',
] as const;

/** IP targets set at approval, checked at mid-term and acceptance (科技计划知识产权目标). */
export class IpTargetsDto {
  @CountFact({ description: '发明专利申请 invention applications' })
  inventionApplications: number;

  @CountFact({ description: '发明专利授权 invention grants' })
  inventionGrants: number;

  @CountFact({ description: 'PCT 申请 PCT applications' })
  pctApplications: number;

  @CountFact({ description: '标准 standards' })
  standards: number;
}

export class MajorProjectFactsDto {
  @EnumFact(MAJOR_PROJECT_CATEGORIES, { description: '项目类别 category' })
  category: (typeof MAJOR_PROJECT_CATEGORIES)[number];

  @EnumFact(FUNDING_SOURCES, { description: '资金来源 funding source' })
  fundingSource: (typeof FUNDING_SOURCES)[number];

  @MoneyFact({ description: '财政投入（元） fiscal investment, CNY', example: 60_000_000 })
  fiscalInvestmentCny: number;

  @MoneyFact({ description: '总投资（元） total investment, CNY', example: 200_000_000 })
  totalInvestmentCny: number;

  @EnumFact(TECHNOLOGY_OWNERSHIPS, { description: '核心技术权属 ownership of the core technology' })
  coreTechnologyOwnership: (typeof TECHNOLOGY_OWNERSHIPS)[number];

  @CountFact({ description: '已授权核心发明专利 core invention patents granted' })
  coreInventionPatentsGranted: number;

  @CountFact({ description: '在审发明专利申请 pending invention applications' })
  pendingInventionApplications: number;

  @FlagFact({ description: '专利稳定性存疑（无效宣告在审或仅有实用新型） validity concern' })
  patentStabilityConcern: boolean;

  @FlagFact({ description: '已做自由实施（FTO）检索 freedom-to-operate search done' })
  ftoSearchDone: boolean;

  @FlagFact({ description: '发现阻碍性专利 third-party rights that read on the product or process' })
  blockingPatentsFound: boolean;

  @FlagFact({ description: '知识产权诉讼未决 IP litigation pending' })
  ipLitigationPending: boolean;

  @CountryListFact({ description: '目标市场 target markets (ISO 3166-1 alpha-2)' })
  targetMarkets: string[];

  @CountryListFact({ description: '专利布局国家 where the patent family is filed' })
  patentCoverageMarkets: string[];

  @FlagFact({ description: '引进技术 the project imports technology' })
  technologyImported: boolean;

  @ObjectFact(() => IpTargetsDto, { optional: true, description: '知识产权目标 IP targets' })
  ipTargets?: IpTargetsDto | null;
}
