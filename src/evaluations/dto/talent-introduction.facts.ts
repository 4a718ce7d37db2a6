import {
  CountFact,
  CountryFact,
  DateFact,
  EnumFact,
  FlagFact,
  NAME_MAX_LENGTH,
  ObjectFact,
  TextFact,
} from './fact-property.decorators';

/** Facts of a `talent-introduction` (人才引进), DOMAIN.md §4; field names are the public contract. */
export const CANDIDATE_ROLES = [
  'senior-technical',
  'senior-management',
  'researcher',
  'engineer',
  'other',
] as const;

export class CandidateDto {
  @TextFact(NAME_MAX_LENGTH, { description: '姓名 name' })
  name: string;

  @EnumFact(CANDIDATE_ROLES, {
    description: '拟任岗位类别 role (non-compete binds senior and confidential staff only)',
  })
  role: (typeof CANDIDATE_ROLES)[number];

  @TextFact(NAME_MAX_LENGTH, { description: '专业领域 field', example: '锂电池正极材料' })
  field: string;
}

export class FormerEmployerDto {
  @TextFact(NAME_MAX_LENGTH, { description: '原单位名称 name' })
  name: string;

  @CountryFact({ description: '原单位所在国 country' })
  country: string;

  @FlagFact({ description: '原单位为竞争对手 the former employer competes with the applicant' })
  competitor: boolean;
}

export class NonCompeteDto {
  @FlagFact({ description: '签有竞业限制协议 a non-compete was signed' })
  signed: boolean;

  @DateFact({ optional: true, description: '竞业限制期满日 end of the non-compete' })
  endsOn?: string | null;

  @FlagFact({ optional: true, description: '原单位已支付经济补偿 compensation paid by the former employer' })
  compensationPaid?: boolean | null;

  @FlagFact({ optional: true, description: '与新岗位重叠 the non-compete covers the new role' })
  overlapsNewRole?: boolean | null;
}

export class TalentIntroductionFactsDto {
  @ObjectFact(() => CandidateDto, { description: '引进人才 candidate' })
  candidate: CandidateDto;

  @ObjectFact(() => FormerEmployerDto, { description: '原单位 former employer' })
  formerEmployer: FormerEmployerDto;

  @DateFact({ optional: true, description: '离职日期 departure date; absent while still employed' })
  departedOn?: string | null;

  @FlagFact({ description: '劳动合同已解除 labour contract with the former employer terminated' })
  laborContractTerminated: boolean;

  @FlagFact({ description: '签有保密协议 confidentiality agreement with the former employer' })
  confidentialityAgreement: boolean;

  @ObjectFact(() => NonCompeteDto, { description: '竞业限制 non-compete' })
  nonCompete: NonCompeteDto;

  @CountFact({
    description: '离职后以其为发明人、与原职务相关的专利申请 related applications filed after leaving',
  })
  applicationsSinceDeparture: number;

  @CountFact({ description: '以其为发明人的原单位专利 former employer patents naming the candidate' })
  formerEmployerOwnedPatentsAsInventor: number;

  @FlagFact({ description: '拟从事工作与原职务重叠 planned work overlaps former duties' })
  plannedWorkOverlapsFormerDuties: boolean;

  @FlagFact({ description: '所称成果已核实 claimed achievements verified' })
  claimedAchievementsVerified: boolean;

  @FlagFact({ description: '出口管制领域 export-controlled field' })
  exportControlledField: boolean;

  @FlagFact({
    optional: true,
    description: '申请政府人才资助（财政资金） government talent subsidy requested',
  })
  subsidyRequested?: boolean | null;
}
