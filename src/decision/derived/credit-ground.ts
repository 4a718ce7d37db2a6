/**
 * The ground of a credit record (失信事由): what counts for the Guangdong Art. 49 fund bar is why the
 * applicant was listed, not which list it is on (a SAMR listing may be for food safety, a court listing for
 * an unpaid IP judgment). Callers may state the ground; where they do not, it is read from the listing's
 * `reason` text, and only where that reading is safe. Anything else is `unstated`, which the rules treat as
 * "verify before committing fiscal funds", never as a bar.
 */
/** The four grounds of 广东省知识产权保护条例 (2022) Art. 49, which bar fiscal-fund projects for three years. */
export const FUND_BAR_GROUNDS = [
  'wilful-ip-infringement', // 故意侵犯知识产权，严重破坏市场公平竞争秩序
  'refusal-to-execute-ip-judgment', // 拒不执行已生效的知识产权相关判决、裁定
  'ip-crime', // 知识产权犯罪
  'other-serious-ip-infringement', // 其他严重侵犯知识产权的失信行为
] as const;

/** IP dishonesty that the CNIPA credit rules (2022) answer with stricter review (从严审批), not a bar. */
export const STRICTER_REVIEW_GROUNDS = [
  'non-normal-patent-filing', // 非正常专利申请
  'bad-faith-trademark-filing', // 恶意商标注册申请
  'ip-agency-offence', // 知识产权代理违法
  'other-ip-dishonesty', // 其他知识产权领域失信（如提供虚假材料、骗取资助）
] as const;

/** The grounds a caller may state. */
export const CREDIT_GROUNDS = [...FUND_BAR_GROUNDS, ...STRICTER_REVIEW_GROUNDS, 'non-ip'] as const;
export type CreditGround = (typeof CREDIT_GROUNDS)[number];
/** What the rules see: a stated or safely read ground, or `unstated`. */
export type DerivedCreditGround = CreditGround | 'unstated';

const IP = /知识产权|专利|商标|著作权|版权|商业秘密|集成电路布图|植物新品种|地理标志|侵权复制品/;
const IP_CRIME =
  /(假冒注册商标|销售假冒注册商标的商品|非法制造.{0,10}注册商标标识|假冒专利|侵犯著作权|销售侵权复制品|侵犯商业秘密)罪/;

/**
 * The reading of a reason, most specific first. Crimes and refusals to execute come before infringement
 * (their texts mention it too); filings and agency before "恶意", which also qualifies infringement.
 */
const READINGS: { ground: CreditGround; test: (reason: string) => boolean }[] = [
  { ground: 'ip-crime', test: (r) => IP_CRIME.test(r) || (IP.test(r) && /犯罪|刑事|判处|罪/.test(r)) },
  { ground: 'refusal-to-execute-ip-judgment', test: (r) => IP.test(r) && /拒不(履行|执行)/.test(r) },
  { ground: 'non-normal-patent-filing', test: (r) => /非正常(专利)?申请/.test(r) },
  {
    ground: 'bad-faith-trademark-filing',
    test: (r) => /恶意(商标)?(注册|申请|抢注)|商标恶意(注册|申请|抢注)/.test(r),
  },
  { ground: 'ip-agency-offence', test: (r) => IP.test(r) && /代理/.test(r) },
  {
    ground: 'wilful-ip-infringement',
    test: (r) => IP.test(r) && /侵/.test(r) && /故意|恶意|重复|多次|屡次/.test(r),
  },
  { ground: 'other-serious-ip-infringement', test: (r) => IP.test(r) && /侵/.test(r) && /严重|情节/.test(r) },
];

/**
 * The record's ground: the stated one, else the first safe reading of its reason; a reason that names no IP
 * matter is `non-ip`; no reason, or an IP reason none of the readings recognises, is `unstated`.
 */
/** What the reading needs of a credit record (decision.types.ts' CreditRecord has both; named here, not imported, so the types do not import each other). */
interface GroundedRecord {
  ground?: CreditGround | null;
  reason?: string | null;
}

export function creditGroundOf(record: GroundedRecord): DerivedCreditGround {
  if (record.ground) return record.ground;
  const reason = record.reason?.trim();
  if (!reason) return 'unstated';
  const reading = READINGS.find(({ test }) => test(reason));
  if (reading) return reading.ground;
  return IP.test(reason) ? 'unstated' : 'non-ip';
}
