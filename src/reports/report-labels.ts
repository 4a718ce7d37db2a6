import type { LocalizedText } from '../definitions/definition.types';
import type { ReportLang } from './report-document';

/**
 * The words of the procedure that are not in any definition file: dimensions, levels, outcomes, countersign
 * modes. Codes that the files do label (states, departments, measures, facts) are labelled from the files.
 */
const WORDS: Record<string, LocalizedText> = {
  ownership: { zh: '权属', en: 'Ownership' },
  infringement: { zh: '侵权 / 自由实施', en: 'Infringement / freedom to operate' },
  validity: { zh: '稳定性', en: 'Validity' },
  compliance: { zh: '合规', en: 'Compliance' },
  market: { zh: '市场布局', en: 'Market coverage' },
  management: { zh: '管理能力', en: 'IP management' },
  low: { zh: '低', en: 'Low' },
  medium: { zh: '中', en: 'Medium' },
  high: { zh: '高', en: 'High' },
  critical: { zh: '重大', en: 'Critical' },
  pass: { zh: '通过', en: 'Pass' },
  'pass-with-conditions': { zh: '有条件通过', en: 'Pass with conditions' },
  defer: { zh: '暂缓', en: 'Defer' },
  'not-recommended': { zh: '不建议实施', en: 'Not recommended' },
  accept: { zh: '受理', en: 'Accept' },
  return: { zh: '退回补正', en: 'Return for supplement' },
  approve: { zh: '同意', en: 'Approve' },
  object: { zh: '不同意', en: 'Object' },
  fulfilled: { zh: '已落实', en: 'Fulfilled' },
  all: { zh: '会签（全部同意）', en: 'All must approve' },
  any: { zh: '或签（一家同意即可）', en: 'Any one approves' },
  sequential: { zh: '依次会签', en: 'One after another' },
  officer: { zh: '经办人', en: 'Officer' },
  reviewer: { zh: '审核人', en: 'Reviewer' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  auditor: { zh: '审计', en: 'Auditor' },
  admin: { zh: '管理员', en: 'Administrator' },
  system: { zh: '系统', en: 'System' },
  open: { zh: '办理中', en: 'Open' },
  closed: { zh: '已办结', en: 'Closed' },
};

/** The word for a code in the report's language; an unknown code is shown as it is. */
export function word(code: string | null | undefined, lang: ReportLang): string {
  if (code === null || code === undefined || code === '') return '—';
  return WORDS[code]?.[lang] ?? code;
}

/** Picks the language from a `{zh, en}` text; a plain string is the same in both. */
export function pick(text: LocalizedText | string | null | undefined, lang: ReportLang): string {
  if (text === null || text === undefined) return '—';
  return typeof text === 'string' ? text : text[lang];
}

/** `YYYY-MM-DD HH:mm` in China time: the time zone of every date the departments work with. */
export function chinaTime(iso: string | null): string {
  if (!iso) return '—';
  const shifted = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

export function chinaDate(iso: string | null): string {
  return iso ? chinaTime(iso).slice(0, 10) : '—';
}

/** "text（aside）" in Chinese, "text (aside)" in English. */
export function aside(lang: ReportLang, text: string, note: string): string {
  return lang === 'zh' ? `${text}（${note}）` : `${text} (${note})`;
}

/** Both languages' versions of a text, for the few places that say the same thing everywhere. */
export function t(lang: ReportLang, zh: string, en: string): string {
  return lang === 'zh' ? zh : en;
}
