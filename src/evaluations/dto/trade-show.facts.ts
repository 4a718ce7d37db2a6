import {
  CountFact,
  CountryFact,
  DateFact,
  FlagFact,
  IntegerFact,
  NAME_MAX_LENGTH,
  ObjectFact,
  TextFact,
} from './fact-property.decorators';

/** Facts of a `trade-show` (国际参展), DOMAIN.md §4; field names are the public contract. */
export class ExhibitionDto {
  @TextFact(NAME_MAX_LENGTH, { description: '展会名称 name', example: 'Hannover Messe' })
  name: string;

  @CountryFact({ description: '举办国 country' })
  country: string;

  @TextFact(NAME_MAX_LENGTH, { optional: true, description: '城市 city' })
  city?: string | null;

  @DateFact({ description: '开幕日期 opening day' })
  opensOn: string;

  @IntegerFact(1, 365, { description: '展期（天） duration in days' })
  durationDays: number;

  @FlagFact({
    description: '国际展览局（BIE）登记或认可 registered or recognised by the BIE (grace period applies)',
  })
  bieRecognized: boolean;

  // Patent Law Art. 24(2): the grace period also covers international exhibitions hosted by the government.
  @FlagFact({ optional: true, description: '中国政府主办的国际展览会 hosted by the Chinese government' })
  governmentHosted?: boolean | null;
}

export class TradeShowFactsDto {
  @ObjectFact(() => ExhibitionDto, { description: '展会 exhibition' })
  exhibition: ExhibitionDto;

  @CountFact({ description: '展品数量 exhibits' })
  exhibitsCount: number;

  @CountFact({ description: '展出的未申请专利的发明 inventions on display not yet filed' })
  unfiledInventionsOnDisplay: number;

  @FlagFact({ description: '商标已在目的国注册 trademark registered in the destination' })
  trademarkRegisteredInDestination: boolean;

  @FlagFact({ description: '专利已在目的国布局 patents in the destination' })
  patentsInDestination: boolean;

  @FlagFact({ description: '外观设计已在目的国布局 designs in the destination' })
  designsInDestination: boolean;

  @FlagFact({ description: '已做自由实施（FTO）检索 freedom-to-operate search done' })
  ftoSearchDone: boolean;

  @FlagFact({ description: '已知竞争对手权利 competitor rights known' })
  competitorRightsKnown: boolean;

  @FlagFact({ description: '已提交保护函 protective letter (Schutzschrift) filed' })
  protectiveLetterFiled: boolean;

  @CountFact({ description: '以往展会被认定成立的侵权投诉 complaints upheld at earlier shows' })
  priorShowComplaints: number;

  @FlagFact({ description: '已委托当地律师 local counsel arranged' })
  localCounselArranged: boolean;

  @FlagFact({ description: '展品涉及出口管制 export-controlled exhibits' })
  exportControlledExhibits: boolean;

  @FlagFact({
    optional: true,
    description: '已取得管制物项出口许可 export licence obtained (出口管制法第十二条)',
  })
  exportLicenceObtained?: boolean | null;

  @FlagFact({
    optional: true,
    description: '申请政府参展补贴（财政资金） government exhibition subsidy requested',
  })
  fiscalSubsidyRequested?: boolean | null;
}
