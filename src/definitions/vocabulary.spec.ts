/**
 * The vocabulary labels every code the service uses, in its group; a vocabulary that misses one, or names a
 * code the service does not know, does not load.
 */
import { join } from 'node:path';
import { ROLES } from '../auth/principal';
import { COUNTERSIGN_MODES, DIMENSIONS, RISK_LEVELS } from './definition.types';
import { STAGE_OUTCOMES } from '../workflow/workflow.types';
import { CASE_STATUSES } from '../evaluations/dto/list-evaluations.query';
import { KEY_FIELD_STATUSES } from '../reports/key-field-workflow';
import { loadDefinitions } from './load-definitions';
import { WORKFLOW_EVENT_TYPES } from './workflow-vocabulary';
import { type VocabularyGroup, vocabularyText } from './vocabulary';
import {
  copyValidTree,
  editJson,
  problemsLoading,
  removeTreeCopies,
} from '../../test/fixtures/definitions/fixture-tree';

const { vocabulary } = loadDefinitions(join(__dirname, '..', '..'));

afterAll(removeTreeCopies);

const codesInCode: [VocabularyGroup, readonly string[]][] = [
  ['outcomes', Object.values(STAGE_OUTCOMES).flat()],
  ['levels', RISK_LEVELS],
  ['dimensions', DIMENSIONS],
  ['roles', ROLES],
  ['countersignModes', COUNTERSIGN_MODES],
  ['events', WORKFLOW_EVENT_TYPES],
  ['taskStatuses', ['open', 'done', 'cancelled']],
  ['caseStatuses', CASE_STATUSES],
  ['reportStatuses', KEY_FIELD_STATUSES],
  ['notices', ['reminder', 'escalation']],
];

it.each(codesInCode)('every code of %s has its words in both languages', (group, codes) => {
  for (const code of codes) {
    const text = vocabularyText(vocabulary, group, code);
    expect({ code, zh: text?.zh, en: text?.en }).toEqual({
      code,
      zh: expect.any(String),
      en: expect.any(String),
    });
  }
});

it('uses the procedure’s words, the same ones the console and the reports show', () => {
  const zh = (group: VocabularyGroup, code: string) => vocabularyText(vocabulary, group, code)?.zh;
  expect(zh('outcomes', 'approve')).toBe('同意');
  expect(zh('outcomes', 'object')).toBe('不同意');
  expect(zh('outcomes', 'not-recommended')).toBe('不建议实施');
  // "open" is a to-do for a task, a case in progress for a case: codes are looked up in their group.
  expect(zh('taskStatuses', 'open')).not.toBe(zh('caseStatuses', 'open'));
  expect(vocabularyText(vocabulary, 'outcomes', 'constructor')).toBeNull();
});

it('does not load without the words for a code, naming the file and the place', () => {
  const root = copyValidTree();
  editJson(root, 'rules/vocabulary.json', (json) => delete json.levels.critical);
  expect(problemsLoading(root)).toContainEqual({
    file: 'rules/vocabulary.json',
    place: '/levels/critical',
    reason: 'required key "critical" is missing',
  });
});

it('refuses a code the service does not use (a typo would otherwise label nothing)', () => {
  const root = copyValidTree();
  editJson(root, 'rules/vocabulary.json', (json) => (json.outcomes.aprove = { zh: '同意', en: 'Approve' }));
  expect(problemsLoading(root)).toContainEqual({
    file: 'rules/vocabulary.json',
    place: '/outcomes/aprove',
    reason: expect.stringMatching(/^unknown key "aprove"/),
  });
});
