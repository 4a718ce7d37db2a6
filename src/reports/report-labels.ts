import type { LocalizedText } from '../definitions/definition.types';
import { type Vocabulary, type VocabularyGroup, vocabularyText } from '../definitions/vocabulary';
import type { ReportLang } from './report-document';

/** The words for the service's own codes in one report's language (rules/vocabulary.json, as the console). */
export type Words = (group: VocabularyGroup, code: string | null | undefined) => string;

/** Binds the vocabulary to the report's language; no code is '—', an unlabelled one is shown as it is. */
export function wordsIn(vocabulary: Vocabulary, lang: ReportLang): Words {
  return (group, code) => {
    if (code === null || code === undefined || code === '') return '—';
    return vocabularyText(vocabulary, group, code)?.[lang] ?? code;
  };
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
