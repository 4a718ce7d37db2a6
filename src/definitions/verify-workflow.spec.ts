/**
 * verifyWorkflow on machines written inline, with a vocabulary passed in: the statechart cases the
 * fixture procedure does not have (nested and parallel states, ids, onDone), and the vocabulary seam.
 */
import { setup } from 'xstate';
import { verifyWorkflow, type WorkflowVocabulary } from './verify-workflow';

const FILE = 'workflows/example.json';
const vocabulary: WorkflowVocabulary = {
  guards: ['outcomeIs', 'isUrgent'],
  actions: ['openTask', 'recordOutcome'],
  params: { outcomeIs: { outcome: ['approve', 'return'] } },
  departments: ['ipo', 'justice'],
};
const label = { zh: '状态', en: 'State' };
const final = () => ({ type: 'final', meta: { label } });

/** A valid nested machine: a compound review with '#id', '.child' and onDone, and a parallel check. */
// `any`: each test reaches into the config to break one thing.
function nestedMachine(): Record<string, any> {
  return {
    id: 'example',
    initial: 'review',
    on: { WITHDRAW: '.withdrawn' },
    states: {
      review: {
        meta: { label },
        initial: 'first',
        onDone: 'checks',
        states: {
          first: {
            meta: { label, stage: 'countersign', department: 'ipo', timeLimitWorkingDays: 10 },
            entry: 'openTask',
            on: {
              TASK_COMPLETED: [
                {
                  guard: { type: 'outcomeIs', params: { outcome: 'approve' } },
                  target: 'second',
                  actions: 'recordOutcome',
                },
                { guard: { type: 'outcomeIs', params: { outcome: 'return' } }, target: '#example.withdrawn' },
              ],
            },
          },
          second: {
            meta: { label },
            always: [{ guard: 'isUrgent', target: '#closing' }, { target: 'done' }],
          },
          done: final(),
        },
      },
      checks: {
        type: 'parallel',
        meta: { label },
        onDone: 'closing',
        states: {
          legal: {
            meta: { label },
            initial: 'open',
            states: { open: { meta: { label }, on: { TASK_COMPLETED: 'closed' } }, closed: final() },
          },
          ip: {
            meta: { label },
            initial: 'open',
            states: { open: { meta: { label }, on: { TASK_COMPLETED: 'closed' } }, closed: final() },
          },
        },
      },
      closing: {
        id: 'closing',
        meta: { label, stage: 'decision', department: '$competent' },
        on: { TASK_COMPLETED: 'archived' },
      },
      archived: final(),
      withdrawn: final(),
    },
  };
}

it('accepts nested and parallel states, "#id" and ".child" targets and onDone', () => {
  expect(verifyWorkflow(FILE, nestedMachine(), vocabulary)).toEqual([]);
});

/** xstate resolves every target when it creates the machine, so creating it is the reference for targets. */
function xstateAccepts(machine: Record<string, any>): boolean {
  const noop = () => true;
  const implementations = {
    guards: { outcomeIs: noop, isUrgent: noop },
    actions: { openTask: noop, recordOutcome: noop },
  };
  try {
    setup(implementations).createMachine(machine as never);
    return true;
  } catch {
    return false;
  }
}

it('resolves targets as xstate does', () => {
  const valid = nestedMachine();
  const plainTargetOnRoot = nestedMachine();
  plainTargetOnRoot.on.WITHDRAW = 'withdrawn';
  const pathFromSibling = nestedMachine();
  pathFromSibling.states.review.states.first.on.TASK_COMPLETED[0].target = 'review.second';
  expect([valid, plainTargetOnRoot, pathFromSibling].map(xstateAccepts)).toEqual([true, false, false]);
  expect(
    [valid, plainTargetOnRoot, pathFromSibling].map(
      (machine) => verifyWorkflow(FILE, machine, vocabulary).length === 0,
    ),
  ).toEqual([true, false, false]);
});

it('resolves a plain target from the machine itself as xstate does: not at all', () => {
  const machine = nestedMachine();
  machine.on.WITHDRAW = 'withdrawn';
  expect(verifyWorkflow(FILE, machine, vocabulary)).toEqual([
    {
      file: FILE,
      place: '/on/WITHDRAW',
      reason: 'target "withdrawn" is not valid on the machine itself; did you mean ".withdrawn"?',
    },
  ]);
});

it('reports a target into a child that does not exist, with the state it looked in', () => {
  const machine = nestedMachine();
  machine.states.review.states.first.on.TASK_COMPLETED[0].target = 'review.third';
  expect(verifyWorkflow(FILE, machine, vocabulary)).toContainEqual({
    file: FILE,
    place: '/states/review/states/first/on/TASK_COMPLETED/0/target',
    reason: 'target "review.third": "review" has no state "review"',
  });
});

it('knows a nested final state without onDone leaves the machine stuck (unless an ancestor offers a way out)', () => {
  const machine = nestedMachine();
  delete machine.states.review.onDone;
  expect(verifyWorkflow(FILE, machine, vocabulary)).toEqual([
    {
      file: FILE,
      place: '/states/checks',
      reason: 'state "checks" is not reachable from the initial state "review"',
    },
  ]);
  delete machine.on; // the machine-wide WITHDRAW was the way out
  expect(verifyWorkflow(FILE, machine, vocabulary)).toEqual([
    {
      file: FILE,
      place: '/states/checks',
      reason: 'state "checks" is not reachable from the initial state "review"',
    },
    {
      file: FILE,
      place: '/states/review/states/done',
      reason: 'state "review.done" cannot reach a final state',
    },
  ]);
});

it('does not count a compound state entered only by a deep target as entering its initial child', () => {
  const machine = nestedMachine();
  machine.initial = 'closing';
  machine.states.closing.on.TASK_COMPLETED = [
    { guard: 'isUrgent', target: 'review.second' },
    { target: 'archived' },
  ];
  expect(verifyWorkflow(FILE, machine, vocabulary)).toEqual([
    {
      file: FILE,
      place: '/states/review/states/first',
      reason: 'state "review.first" is not reachable from the initial state "closing"',
    },
  ]);
});

it('requires initial on a compound state, naming a child', () => {
  const machine = nestedMachine();
  machine.states.review.initial = 'zeroth';
  expect(verifyWorkflow(FILE, machine, vocabulary)).toContainEqual({
    file: FILE,
    place: '/states/review/initial',
    reason: 'initial must name one of the child states (first, second, done), found "zeroth"',
  });
});

it('checks params against the declared ones, and refuses params on a name that takes none', () => {
  const machine = nestedMachine();
  machine.states.review.states.first.on.TASK_COMPLETED[1].guard.params = {};
  machine.states.review.states.second.always[0].guard = { type: 'isUrgent', params: { level: 'high' } };
  expect(verifyWorkflow(FILE, machine, vocabulary)).toEqual([
    {
      file: FILE,
      place: '/states/review/states/first/on/TASK_COMPLETED/1/guard/params/outcome',
      reason: '"outcomeIs" needs outcome among approve, return, found nothing',
    },
    {
      file: FILE,
      place: '/states/review/states/second/always/0/guard/params/level',
      reason: '"isUrgent" takes no params',
    },
  ]);
});

it('without a list of placeholders accepts any "$name" department, and still refuses unknown codes', () => {
  const machine = nestedMachine();
  machine.states.closing.meta.department = '$applicant';
  machine.states.review.states.first.meta.department = 'police';
  expect(verifyWorkflow(FILE, machine, vocabulary)).toEqual([
    {
      file: FILE,
      place: '/states/review/states/first/meta/department',
      reason: 'department "police" is not in rules/departments.json, nor a placeholder like "$competent"',
    },
  ]);
});

it('refuses a stage worked in two states, history states, transitions out of a final state', () => {
  const machine = nestedMachine();
  machine.states.review.states.second.meta = { label, stage: 'countersign', department: 'justice' };
  machine.states.checks.states.legal.states.open.type = 'history';
  machine.states.archived.on = { RESUBMIT: 'review' };
  const problems = verifyWorkflow(FILE, machine, vocabulary);
  expect(problems).toContainEqual({
    file: FILE,
    place: '/states/review/states/second/meta/stage',
    reason: 'stage "countersign" is already worked in state "review.first"',
  });
  expect(problems).toContainEqual({
    file: FILE,
    place: '/states/checks/states/legal/states/open/type',
    reason: 'history states are not supported: a case resumes from its persisted snapshot',
  });
  expect(problems).toContainEqual({
    file: FILE,
    place: '/states/archived/on',
    reason: 'a final state has no "on": the case ends here',
  });
});

it('needs a department where a state names a stage, and a label everywhere', () => {
  const machine = nestedMachine();
  delete machine.states.closing.meta.department;
  delete machine.states.checks.meta;
  expect(verifyWorkflow(FILE, machine, vocabulary)).toEqual([
    {
      file: FILE,
      place: '/states/checks/meta',
      reason: 'required key "meta" is missing',
    },
    {
      file: FILE,
      place: '/states/closing/meta/stage',
      reason: '"stage" needs "department" beside it',
    },
  ]);
});

it('refuses what is not a machine config at all', () => {
  expect(verifyWorkflow(FILE, [], vocabulary)).toEqual([
    { file: FILE, place: '', reason: 'must be object, found []' },
  ]);
  expect(verifyWorkflow(FILE, { id: 'x', initial: 'a', states: {} }, vocabulary)).toEqual([
    { file: FILE, place: '/states', reason: 'states must be a non-empty object, found {}' },
  ]);
});

it('takes a report reminder only on a state that waits for a phase', () => {
  const machine = nestedMachine();
  machine.states.closing.meta.reportReminder = { beforeWorkingDays: 5 };
  expect(verifyWorkflow(FILE, machine, vocabulary)).toEqual([
    {
      file: FILE,
      place: '/states/closing/meta/reportReminder',
      reason: 'reportReminder belongs to a state whose entry awaits a phase (awaitPhase)',
    },
  ]);
  machine.states.closing.entry = { type: 'awaitPhase', params: { phase: 'midterm', dueOnFact: 'dueOn' } };
  const awaiting: WorkflowVocabulary = {
    ...vocabulary,
    actions: [...vocabulary.actions, 'awaitPhase'],
    params: { ...vocabulary.params, awaitPhase: { phase: /^[a-z]+$/, dueOnFact: /^[A-Za-z]+$/ } },
  };
  expect(verifyWorkflow(FILE, machine, awaiting)).toEqual([]);
});
