import {
  copyValidTree,
  editJson,
  problemsLoading,
  removeTreeCopies,
} from '../../test/fixtures/definitions/fixture-tree';
import type { DefinitionProblem } from './definition-error';
import { checkAgainstSchema } from './definition-schemas';
import { checkDeadlineMeta } from './verify-deadline-meta';

const DEPARTMENTS = new Set(['ipo', 'justice', 'ndrc']);
const label = { zh: '会签', en: 'Countersign' };
const countersign = { label, stage: 'countersign', department: '$route', timeLimitWorkingDays: 10 };

/** A state's meta as the loader checks it: against the workflow schema's meta, then for what it cannot say. */
function problemsOf(meta: Record<string, unknown>): Omit<DefinitionProblem, 'file'>[] {
  const problems: Omit<DefinitionProblem, 'file'>[] = [];
  const report = (place: string, reason: string) => problems.push({ place, reason });
  checkAgainstSchema('workflow.schema.json#/$defs/meta', meta, report, '/states/s/meta');
  checkDeadlineMeta(meta, '/states/s/meta', DEPARTMENTS, report);
  return problems;
}

describe('reminder and escalation in a state meta', () => {
  it.each<[string, Record<string, unknown>]>([
    [
      'a reminder and an escalation',
      { ...countersign, reminder: { beforeWorkingDays: 2 }, escalation: { to: 'ipo' } },
    ],
    ['an escalation to the competent department', { ...countersign, escalation: { to: '$competent' } }],
    [
      'a deemed approval of an overdue countersign',
      { ...countersign, escalation: { to: 'ipo', deemedOutcome: 'approve' } },
    ],
    [
      'a deemed objection of an overdue countersign',
      { ...countersign, escalation: { to: 'ipo', deemedOutcome: 'object' } },
    ],
    ['neither (a task state without reminders)', countersign],
    ['a state that is not a task state', { label }],
  ])('accepts %s', (_what, meta) => {
    expect(problemsOf(meta)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, Omit<DefinitionProblem, 'file'>]>([
    [
      'a misspelt meta key',
      { ...countersign, reminders: { beforeWorkingDays: 2 } },
      { place: '/states/s/meta/reminders', reason: expect.stringContaining('unknown key "reminders"') },
    ],
    [
      'a reminder on a state that opens no task',
      { label, timeLimitWorkingDays: 5, reminder: { beforeWorkingDays: 1 } },
      {
        place: '/states/s/meta/reminder',
        reason: '"reminder" needs "stage" beside it',
      },
    ],
    [
      'an escalation without a time limit',
      { label, stage: 'decision', department: '$competent', escalation: { to: 'ipo' } },
      {
        place: '/states/s/meta/escalation',
        reason: '"escalation" needs "timeLimitWorkingDays" beside it',
      },
    ],
    [
      'a reminder that would come before the task opens',
      { ...countersign, reminder: { beforeWorkingDays: 10 } },
      {
        place: '/states/s/meta/reminder/beforeWorkingDays',
        reason:
          'beforeWorkingDays (10) must be below timeLimitWorkingDays (10): the reminder would come before the task opens',
      },
    ],
    [
      'a reminder of half a day',
      { ...countersign, reminder: { beforeWorkingDays: 0.5 } },
      {
        place: '/states/s/meta/reminder/beforeWorkingDays',
        reason: 'must be a whole number above 0, found 0.5',
      },
    ],
    [
      'an escalation to an unknown department',
      { ...countersign, escalation: { to: 'police' } },
      {
        place: '/states/s/meta/escalation/to',
        reason: 'to "police" is not in rules/departments.json nor one of $competent',
      },
    ],
    [
      'an escalation to "$route", which names no one department',
      { ...countersign, escalation: { to: '$route' } },
      {
        place: '/states/s/meta/escalation/to',
        reason: 'to "$route" is not in rules/departments.json nor one of $competent',
      },
    ],
    [
      'an escalation to the department that is late',
      {
        label,
        stage: 'legality-review',
        department: 'justice',
        timeLimitWorkingDays: 7,
        escalation: { to: 'justice' },
      },
      {
        place: '/states/s/meta/escalation/to',
        reason: 'to "justice" is the department the task belongs to: escalating to it tells nobody new',
      },
    ],
    [
      'a deemed outcome on a legality review',
      {
        label,
        stage: 'legality-review',
        department: 'justice',
        timeLimitWorkingDays: 7,
        escalation: { to: 'ipo', deemedOutcome: 'approve' },
      },
      {
        place: '/states/s/meta/escalation/deemedOutcome',
        reason: 'a "legality-review" task cannot be deemed answered when overdue (only: countersign)',
      },
    ],
    [
      'a deemed return, which would need a comment',
      { ...countersign, escalation: { to: 'ipo', deemedOutcome: 'return' } },
      {
        place: '/states/s/meta/escalation/deemedOutcome',
        reason: 'deemedOutcome must be one of approve, object, found "return"',
      },
    ],
    [
      'an unknown escalation key',
      { ...countersign, escalation: { to: 'ipo', reassign: true } },
      {
        place: '/states/s/meta/escalation/reassign',
        reason: expect.stringContaining('unknown key "reassign"'),
      },
    ],
  ])('refuses %s', (_what, meta, problem) => {
    expect(problemsOf(meta)).toEqual([problem]);
  });

  describe('in a workflow file', () => {
    afterEach(removeTreeCopies);

    it('a broken reminder stops the load with file, place and reason', () => {
      const root = copyValidTree();
      editJson(
        root,
        'workflows/major-project.json',
        (m) => (m.states.intake.meta.reminder = { beforeWorkingDays: 5 }),
      );
      expect(problemsLoading(root)).toEqual([
        {
          file: 'workflows/major-project.json',
          place: '/states/intake/meta/reminder/beforeWorkingDays',
          reason:
            'beforeWorkingDays (5) must be below timeLimitWorkingDays (5): the reminder would come before the task opens',
        },
      ]);
    });
  });
});
