import { EARLIEST_ISO_DATE, LATEST_ISO_DATE } from './iso-date';

/**
 * The Chinese reason of a failed check, by the check's keyword and its parameters: the class-validator
 * constraint (isIn, maxLength, ...) or the JSON Schema keyword ajv reports (enum, maxLength, ...), which
 * share one table where they mean the same. The English reason is written where the check is made and
 * stays as it is; this is its Chinese counterpart, sent as `reason` to a reader asking for zh.
 */
export interface CheckParams {
  /** A bound: a length, a count, a minimum or a maximum. */
  limit?: unknown;
  /** The allowed values of an enumeration. */
  values?: readonly unknown[];
  /** JSON Schema types (type keyword). */
  types?: readonly string[];
  /** A format name (format keyword): date, country, ... */
  format?: string;
  /** A regular expression the value must match. */
  pattern?: string;
  /** The check applies to every item of a list (class-validator's `each`). */
  each?: boolean;
}

const TYPE_NAMES_ZH: Record<string, string> = {
  boolean: '布尔值（true 或 false）',
  integer: '整数',
  number: '数字',
  string: '字符串',
  object: '对象',
  array: '数组',
  null: 'null',
};

const DATE = `${EARLIEST_ISO_DATE} 至 ${LATEST_ISO_DATE} 之间真实存在的日期，格式为 YYYY-MM-DD`;
const COUNTRY = '大写的 ISO 3166-1 二位字母国家代码，如 "CN"';

/** `name` is the field as the English reason names it (its last path segment, or "item 2 of targetMarkets"). */
type ZhReason = (name: string, p: CheckParams) => string;

// "须为" for one value; "每一项须为" for a check made on every item of a list.
const must = (p: CheckParams): string => (p.each ? '的每一项须为' : '须为');

const ZH_BY_KEYWORD: Record<string, ZhReason> = {
  required: () => '必填',
  isDefined: () => '必填',
  additionalProperties: (name) => `不接受字段 ${name}`,
  whitelistValidation: (name) => `不接受字段 ${name}`,
  type: (name, p) => `${name} 须为${(p.types ?? []).map((type) => TYPE_NAMES_ZH[type] ?? type).join('或')}`,
  isString: (name, p) => `${name} ${must(p)}字符串`,
  isInt: (name, p) => `${name} ${must(p)}整数，以十进制数字书写（不带符号、空格、指数或 0x）`,
  isNumber: (name, p) => `${name} ${must(p)}数字`,
  isBoolean: (name, p) => `${name} ${must(p)}布尔值（true 或 false）`,
  isArray: (name) => `${name} 须为数组`,
  isObject: (name) => `${name} 须为对象`,
  nestedValidation: (name) => `${name} 须为对象或数组`,
  isNotEmpty: (name) => `${name} 不得为空`,
  enum: (name, p) => `${name} 须为下列值之一：${(p.values ?? []).map(String).join('、')}`,
  isIn: (name, p) => `${name} ${must(p)}下列值之一：${(p.values ?? []).map(String).join('、')}`,
  format: (name, p) =>
    p.format === 'date'
      ? `${name} 须为 ${DATE}`
      : p.format === 'country'
        ? `${name} 须为${COUNTRY}`
        : `${name} 须符合 ${p.format ?? ''} 格式`,
  isIso8601: (name) => `${name} 须为 ISO 8601 格式的日期或时间，如 2026-01-01 或 2026-01-01T08:00:00+08:00`,
  isIsoDate: (name, p) => `${name} ${must(p)} ${DATE}`,
  isCountryCode: (name, p) => `${name} ${must(p)}${COUNTRY}`,
  isCreditCode: (name) => `${name} 须为 18 位统一社会信用代码，且校验码正确（GB 32100-2015）`,
  isUuid: (name) => `${name} 须为 UUID`,
  matches: (name, p) => `${name} 的格式不符合要求${p.each ? '（每一项）' : ''}：须匹配 ${p.pattern ?? ''}`,
  minimum: (name, p) => `${name} 不得小于 ${String(p.limit)}`,
  min: (name, p) => `${name} 不得小于 ${String(p.limit)}`,
  maximum: (name, p) => `${name} 不得大于 ${String(p.limit)}`,
  max: (name, p) => `${name} 不得大于 ${String(p.limit)}`,
  minLength: (name, p) => `${name} 的长度不得少于 ${String(p.limit)} 个字符`,
  maxLength: (name, p) => `${name} 的长度不得超过 ${String(p.limit)} 个字符`,
  minItems: (name, p) => `${name} 至少须有 ${String(p.limit)} 项`,
  arrayMinSize: (name, p) => `${name} 至少须有 ${String(p.limit)} 项`,
  maxItems: (name, p) => `${name} 最多只能有 ${String(p.limit)} 项`,
  arrayMaxSize: (name, p) => `${name} 最多只能有 ${String(p.limit)} 项`,
};

/**
 * The Chinese reason of a failed `keyword` check on `name`. A keyword without a text of its own (one no DTO
 * or contract uses today) still answers in Chinese, and keeps the English reason for the specifics.
 */
export function zhReasonOf(keyword: string, name: string, params: CheckParams, english: string): string {
  const reason = ZH_BY_KEYWORD[keyword];
  return reason ? reason(name, params) : `${name} 不符合要求（${english}）`;
}

/** Whether the table has a text of its own for `keyword` (for the tests that every check we use has one). */
export function hasZhReason(keyword: string): boolean {
  return Object.hasOwn(ZH_BY_KEYWORD, keyword);
}
