import { ApiProperty } from '@nestjs/swagger';
import { IsCreditCode } from '../../common/credit-code';
import { toPlainJson } from '../../common/plain-json';
import type { Applicant, CreditRecord } from '../../decision/decision.types';
import { CREDIT_GROUNDS } from '../../decision/derived/credit-ground';
import {
  DateFact,
  EnumFact,
  FlagFact,
  NAME_MAX_LENGTH,
  ObjectListFact,
  REASON_MAX_LENGTH,
  TextFact,
} from './fact-property.decorators';

/** The applicant, part of every type's facts (docs/domain.md §4, rules/shared/facts.json). */

// `satisfies` keeps these lists and the engine's Applicant / CreditRecord types in step.
export const CREDIT_LISTS = [
  'cnipa-dishonesty',
  'patent-severe-dishonesty',
  'samr-serious-violation',
  'court-dishonest-debtor',
  'exhibition-blacklist',
] as const satisfies readonly CreditRecord['list'][];

export const APPLICANT_KINDS = [
  'enterprise',
  'university',
  'research-institute',
  'government',
  'other',
] as const satisfies readonly Applicant['kind'][];

export class CreditRecordDto {
  @EnumFact(CREDIT_LISTS, { description: '名单 the credit list the applicant is on' })
  list: (typeof CREDIT_LISTS)[number];

  @DateFact({ description: '列入日期 listed on' })
  listedOn: string;

  @DateFact({ optional: true, description: '移出（届满）日期; without it the record is active for 3 years' })
  expiresOn?: string | null;

  @TextFact(REASON_MAX_LENGTH, { optional: true, description: '列入事由 reason for listing' })
  reason?: string | null;

  @EnumFact(CREDIT_GROUNDS, {
    optional: true,
    description:
      '失信事由类别 the ground of the listing; where absent it is read from `reason` (only the four grounds of Guangdong Art. 49 bar fiscal funds)',
  })
  ground?: (typeof CREDIT_GROUNDS)[number] | null;
}

export class ApplicantDto {
  @TextFact(NAME_MAX_LENGTH, { description: '名称 name', example: '汕尾市某科技有限公司' })
  name: string;

  @ApiProperty({
    example: '91350100M000100Y43',
    pattern: '^[0-9A-HJ-NP-RTUW-Y]{18}$',
    description: '统一社会信用代码, 18 characters with a valid GB 32100-2015 check character',
  })
  @IsCreditCode()
  creditCode: string;

  @EnumFact(APPLICANT_KINDS, { description: '主体类型 kind of applicant' })
  kind: (typeof APPLICANT_KINDS)[number];

  @ObjectListFact(() => CreditRecordDto, { description: '信用记录 credit records, [] if none' })
  creditRecords: CreditRecordDto[];

  @FlagFact({ description: '已通过 GB/T 29490 知识产权合规管理体系认证 IP compliance management certified' })
  ipManagementCertified: boolean;
}

/** The applicant as the engine and the store take it: plain JSON, absent optional fields absent (not undefined). */
export function toApplicant(dto: ApplicantDto): Applicant {
  return toPlainJson<Applicant>(dto);
}
