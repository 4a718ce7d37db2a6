/**
 * rules/vocabulary.json: the words for the service's own codes (outcomes, levels, dimensions, roles,
 * countersign modes, statuses). The console and the reports label these codes from here only, so the
 * two never disagree and an operator changes a word in one place.
 */
import type { LocalizedText } from '../decision/rule-set.types';

export const VOCABULARY_GROUPS = [
  'outcomes',
  'levels',
  'dimensions',
  'roles',
  'countersignModes',
  'events',
  'taskStatuses',
  'caseStatuses',
  'reportStatuses',
  'notices',
  'actions',
] as const;
export type VocabularyGroup = (typeof VOCABULARY_GROUPS)[number];

/** Codes are looked up within their group: "open" is 待办 for a task but 办理中 for a case. */
export type Vocabulary = Record<VocabularyGroup, Readonly<Record<string, LocalizedText>>>;

/** The words for a code, or null for no code or a code the group does not label (shown as the code). */
export function vocabularyText(
  vocabulary: Vocabulary,
  group: VocabularyGroup,
  code: string | null | undefined,
): LocalizedText | null {
  if (!code) return null;
  const words = vocabulary[group];
  // An own property only: a code like "constructor" must not find Object's.
  return Object.hasOwn(words, code) ? words[code] : null;
}
