/**
 * Each kind of broken definition, made from a copy of the valid fixture tree with one thing broken: the
 * load fails and the error names the file, the place and the reason.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { loadDefinitions } from './load-definitions';
import { DefinitionError } from './definition-error';
import {
  copyValidTree,
  editJson,
  type Json,
  problemsLoading,
  removeFile,
  removeTreeCopies,
  VALID_TREE,
  writeText,
} from '../../test/fixtures/definitions/fixture-tree';

interface BrokenCase {
  what: string;
  breakIt: (root: string) => void;
  file: string;
  place: string;
  reason: RegExp;
}

const SCORING = 'rules/major-project/scoring.json';
const ROUTING = 'rules/major-project/routing.json';
const WORKFLOW = 'workflows/trade-show.json';
const label = { zh: '标签', en: 'Label' };
const workflow = (root: string, edit: (machine: Json) => void) => editJson(root, WORKFLOW, edit);
const firstScoringRule = (root: string, edit: (rule: Json) => void) =>
  editJson(root, SCORING, (json) => edit(json.rules[0]));

const cases: BrokenCase[] = [
  {
    what: 'bad JSON (the parser names the position)',
    breakIt: (root) =>
      writeText(
        root,
        'rules/trade-show/levels.json',
        '{\n  "medium": 20,\n  "high": 40,,\n  "critical": 70\n}\n',
      ),
    file: 'rules/trade-show/levels.json',
    place: 'line 3, column 14',
    reason: /^invalid JSON: Expected double-quoted property name$/,
  },
  {
    what: 'bad JSON where V8 gives no position (unexpected token)',
    breakIt: (root) => writeText(root, 'rules/trade-show/levels.json', '{\n  "medium": }\n'),
    file: 'rules/trade-show/levels.json',
    place: 'line 2, column 13',
    reason: /^invalid JSON: Unexpected token '}'$/,
  },
  {
    what: 'a missing file',
    breakIt: (root) => removeFile(root, 'rules/trade-show/hard-stops.json'),
    file: 'rules/trade-show/hard-stops.json',
    place: '',
    reason: /^required file is missing$/,
  },
  {
    what: 'an unknown top-level key',
    breakIt: (root) => editJson(root, 'rules/trade-show/levels.json', (json) => (json.low = 0)),
    file: 'rules/trade-show/levels.json',
    place: '/low',
    reason: /^unknown key "low" \(allowed: medium, high, critical\)$/,
  },
  {
    what: 'a stray file in a folder the loader owns',
    breakIt: (root) => writeText(root, 'rules/trade-show/hardstops.json', '{"rules": []}'),
    file: 'rules/trade-show/hardstops.json',
    place: '',
    reason: /^unexpected file/,
  },
  {
    what: 'an unknown guard name',
    breakIt: (root) =>
      workflow(root, (m) => (m.states.intake.on.TASK_COMPLETED[0].guard.type = 'outcomeWas')),
    file: WORKFLOW,
    place: '/states/intake/on/TASK_COMPLETED/0/guard/type',
    reason: /^unknown guard "outcomeWas" \(implemented: .*outcomeIs/,
  },
  {
    what: 'an unknown action name',
    breakIt: (root) => workflow(root, (m) => (m.states.supplement.on.RESUBMIT.actions = 'takeDecision')),
    file: WORKFLOW,
    place: '/states/supplement/on/RESUBMIT/actions',
    reason: /^unknown action "takeDecision" \(implemented: .*takeNewDecision/,
  },
  {
    what: 'an unknown action in an entry list',
    breakIt: (root) =>
      workflow(root, (m) => (m.states.decision.entry = [m.states.decision.entry, 'notifyApplicant'])),
    file: WORKFLOW,
    place: '/states/decision/entry/1',
    reason: /^unknown action "notifyApplicant"/,
  },
  {
    what: 'a guard param value that does not exist',
    breakIt: (root) =>
      workflow(root, (m) => (m.states.intake.on.TASK_COMPLETED[0].guard.params.outcome = 'acept')),
    file: WORKFLOW,
    place: '/states/intake/on/TASK_COMPLETED/0/guard/params/outcome',
    reason: /^"outcomeIs" needs outcome among accept, return, .* found "acept"$/,
  },
  {
    what: 'an unreachable state',
    breakIt: (root) =>
      workflow(root, (m) => (m.states.orphan = { meta: { label }, on: { WITHDRAW: 'withdrawn' } })),
    file: WORKFLOW,
    place: '/states/orphan',
    reason: /^state "orphan" is not reachable from the initial state "intake"$/,
  },
  {
    what: 'a state that cannot reach a final state',
    breakIt: (root) =>
      workflow(root, (m) => {
        m.states.supplement.on.RESUBMIT.target = 'limbo';
        m.states.limbo = { meta: { label } };
      }),
    file: WORKFLOW,
    place: '/states/limbo',
    reason: /^state "limbo" cannot reach a final state$/,
  },
  {
    what: 'an unknown target',
    breakIt: (root) => workflow(root, (m) => (m.states.supplement.on.RESUBMIT.target = 'intak')),
    file: WORKFLOW,
    place: '/states/supplement/on/RESUBMIT/target',
    reason: /^target "intak": "\(machine\)" has no state "intak"$/,
  },
  {
    what: 'an unknown department in a route rule',
    breakIt: (root) =>
      editJson(root, ROUTING, (json) => (json.rules[0].event.params.departments = ['police'])),
    file: ROUTING,
    place: '/rules/0/event/params/departments/0',
    reason: /^department "police" is not in rules\/departments.json$/,
  },
  {
    what: 'a voluntary-evaluation reason without its legal basis',
    breakIt: (root) =>
      editJson(root, ROUTING, (json) => (json.defaults.evaluationNotMandatory = { reason: label })),
    file: ROUTING,
    place: '/defaults/evaluationNotMandatory/basis',
    reason: /^required key "basis" is missing$/,
  },
  {
    what: 'a mandatory-evaluation rule among the findings',
    breakIt: (root) =>
      firstScoringRule(root, (rule) => {
        rule.event = {
          type: 'mandatory-evaluation',
          params: { reason: label, basis: '广东省知识产权保护条例（2022）第十一条' },
        };
      }),
    file: SCORING,
    place: '/rules/0/event/type',
    reason: /^event type "mandatory-evaluation" does not belong in this file \(allowed: finding\)$/,
  },
  {
    what: 'an unknown department in the route defaults',
    breakIt: (root) => editJson(root, ROUTING, (json) => json.defaults.departments.push('police')),
    file: ROUTING,
    place: '/defaults/departments/2',
    reason: /^department "police" is not in rules\/departments.json$/,
  },
  {
    what: 'an unknown department in a workflow meta',
    breakIt: (root) => workflow(root, (m) => (m.states.intake.meta.department = 'police')),
    file: WORKFLOW,
    place: '/states/intake/meta/department',
    reason: /^department "police" is not in rules\/departments.json nor one of \$competent, \$route$/,
  },
  {
    what: 'a rule reading a fact not in the contract',
    breakIt: (root) => firstScoringRule(root, (rule) => (rule.conditions.all[0].fact = 'ftoSearchMade')),
    file: SCORING,
    place: '/rules/0/conditions/all/0/fact',
    reason:
      /^fact "ftoSearchMade" is not in the facts contract \(rules\/shared\/facts.json, rules\/shared\/derived.json, rules\/major-project\/facts.json or rules\/major-project\/derived.json\)$/,
  },
  {
    what: 'a fact reference as value that is not in the contract',
    breakIt: (root) =>
      firstScoringRule(root, (rule) => (rule.conditions.all[0].value = { fact: 'ftoExpected' })),
    file: SCORING,
    place: '/rules/0/conditions/all/0/value/fact',
    reason: /^fact "ftoExpected" is not in the facts contract/,
  },
  {
    what: 'a path to a field the object fact does not declare',
    breakIt: (root) =>
      editJson(
        root,
        'rules/shared/credit.json',
        (json) => (json.rules[1].conditions.all[0].path = '$.certified'),
      ),
    file: 'rules/shared/credit.json',
    place: '/rules/1/conditions/all/0/path',
    reason: /^"certified" is not a field of applicant \(fields: name, kind, ipManagementCertified\)$/,
  },
  {
    what: 'an enum value the fact does not have',
    breakIt: (root) =>
      editJson(
        root,
        'rules/major-project/hard-stops.json',
        (json) => (json.rules[0].conditions.all[0].value = 'fiscall'),
      ),
    file: 'rules/major-project/hard-stops.json',
    place: '/rules/0/conditions/all/0/value',
    reason: /^"fiscall" is not a value of fundingSource \(values: fiscal, private\)$/,
  },
  {
    what: 'a numeric operator on a fact that is not a number',
    breakIt: (root) =>
      firstScoringRule(
        root,
        (rule) => (rule.conditions.all[0] = { fact: 'ftoSearchDone', operator: 'lessThan', value: 1 }),
      ),
    file: SCORING,
    place: '/rules/0/conditions/all/0/value',
    reason: /^lessThan compares numbers, but ftoSearchDone is of kind boolean$/,
  },
  {
    what: 'an unused contract fact',
    breakIt: (root) =>
      editJson(
        root,
        'rules/major-project/facts.json',
        (json) => (json.properties.blockingPatentsFound = { type: 'boolean', 'x-label': label }),
      ),
    file: 'rules/major-project/facts.json',
    place: '/properties/blockingPatentsFound',
    reason: /^fact "blockingPatentsFound" is not read by any rule of major-project$/,
  },
  {
    what: 'a derived fact named like an input fact',
    breakIt: (root) =>
      editJson(
        root,
        'rules/major-project/derived.json',
        (json) => (json.derived.ftoSearchDone = { kind: 'boolean', label }),
      ),
    file: 'rules/major-project/derived.json',
    place: '/derived/ftoSearchDone',
    reason: /^fact "ftoSearchDone" is already declared in rules\/major-project\/facts.json$/,
  },
  {
    what: 'an enum fact without values',
    breakIt: (root) =>
      editJson(root, 'rules/major-project/facts.json', (json) => (json.properties.fundingSource.enum = [])),
    file: 'rules/major-project/facts.json',
    place: '/properties/fundingSource/enum',
    reason: /^must NOT have fewer than 1 items/,
  },
  {
    what: 'a derived fact computed by a function that does not exist',
    breakIt: (root) =>
      editJson(
        root,
        'rules/talent-introduction/derived.json',
        (json) => (json.derived.monthsSinceDeparture.compute.fn = 'monthsSince'),
      ),
    file: 'rules/talent-introduction/derived.json',
    place: '/derived/monthsSinceDeparture/compute/fn',
    reason: /^unknown function "monthsSince" \(known: .*completedMonthsSince/,
  },
  {
    what: 'a derived fact missing an argument of its function',
    breakIt: (root) =>
      editJson(
        root,
        'rules/talent-introduction/derived.json',
        (json) => (json.derived.monthsSinceDeparture.compute.args = {}),
      ),
    file: 'rules/talent-introduction/derived.json',
    place: '/derived/monthsSinceDeparture/compute/args',
    reason: /^completedMonthsSince needs the argument "date"$/,
  },
  {
    what: 'a derived fact reading a fact that does not exist',
    breakIt: (root) =>
      editJson(
        root,
        'rules/talent-introduction/derived.json',
        (json) => (json.derived.monthsSinceDeparture.compute.args.date = { fact: 'leftOn' }),
      ),
    file: 'rules/talent-introduction/derived.json',
    place: '/derived/monthsSinceDeparture/compute/args/date/fact',
    reason: /^fact "leftOn" is neither an input fact nor a derived fact declared above$/,
  },
  {
    what: 'a contract fact without its label',
    breakIt: (root) =>
      editJson(
        root,
        'rules/major-project/facts.json',
        (json) => delete json.properties.fundingSource['x-label'],
      ),
    file: 'rules/major-project/facts.json',
    place: '/properties/fundingSource/x-label',
    reason: /^required key "x-label" is missing$/,
  },
  {
    what: 'a choice of a contract fact without its label',
    breakIt: (root) =>
      editJson(
        root,
        'rules/major-project/facts.json',
        (json) => delete json.properties.fundingSource['x-enumLabels'].private,
      ),
    file: 'rules/major-project/facts.json',
    place: '/properties/fundingSource/x-enumLabels',
    reason: /^the choice "private" has no label$/,
  },
  {
    what: 'a contract object open to unknown fields',
    breakIt: (root) =>
      editJson(
        root,
        'rules/trade-show/facts.json',
        (json) => delete json.properties.exhibition.additionalProperties,
      ),
    file: 'rules/trade-show/facts.json',
    place: '/properties/exhibition/additionalProperties',
    reason: /^required key "additionalProperties" is missing$/,
  },
  {
    what: 'a shared contract without the applicant',
    breakIt: (root) =>
      editJson(root, 'rules/shared/facts.json', (json) => {
        delete json.properties.applicant;
        json.required = json.required.filter((name: string) => name !== 'applicant');
      }),
    file: 'rules/shared/facts.json',
    place: '/properties/applicant',
    reason: /^required key "applicant" is missing$/,
  },
  {
    what: 'a contract requiring a field it does not declare',
    breakIt: (root) => editJson(root, 'rules/trade-show/facts.json', (json) => json.required.push('hall')),
    file: 'rules/trade-show/facts.json',
    place: '/required/2',
    reason: /^"hall" is required but not a property$/,
  },
  {
    what: 'a misspelt keyword in a contract',
    breakIt: (root) =>
      editJson(
        root,
        'rules/trade-show/facts.json',
        (json) => (json.properties.exhibition.properties.country.fromat = 'country'),
      ),
    file: 'rules/trade-show/facts.json',
    place: '/properties/exhibition/properties/country/fromat',
    reason: /^unknown key "fromat" \(allowed: .*format/,
  },
  {
    what: 'a competent department not in the catalogue',
    breakIt: (root) =>
      editJson(root, 'rules/trade-show/activity.json', (json) => (json.competentDepartments = ['police'])),
    file: 'rules/trade-show/activity.json',
    place: '/competentDepartments/0',
    reason: /^department "police" is not in rules\/departments.json$/,
  },
  {
    what: 'a workflow named by a type that does not exist',
    breakIt: (root) =>
      editJson(root, 'rules/trade-show/activity.json', (json) => (json.workflow = 'fast-track')),
    file: 'workflows/fast-track.json',
    place: '',
    reason: /^required file is missing \(the workflow named in rules\/trade-show\/activity.json\)$/,
  },
  {
    what: 'a type folder whose name is not a type name',
    breakIt: (root) =>
      cpSync(join(root, 'rules/trade-show'), join(root, 'rules/Trade_Show'), { recursive: true }),
    file: 'rules/Trade_Show',
    place: '',
    reason: /^an activity type is named by its folder: lower-case words joined by hyphens/,
  },
  {
    what: 'a duplicate rule name within a file',
    breakIt: (root) => editJson(root, SCORING, (json) => (json.rules[1].name = json.rules[0].name)),
    file: SCORING,
    place: '/rules/1/name',
    reason:
      /^rule name "major.no-fto" is already used at rules\/major-project\/scoring.json \/rules\/0\/name$/,
  },
  {
    what: 'a duplicate rule name across the shared and the type files',
    breakIt: (root) => editJson(root, SCORING, (json) => (json.rules[1].name = 'credit.uncertified')),
    file: SCORING,
    place: '/rules/1/name',
    reason: /^rule name "credit.uncertified" is already used at rules\/shared\/credit.json \/rules\/1\/name$/,
  },
  {
    what: 'a numeric operator compared with a string',
    breakIt: (root) =>
      firstScoringRule(
        root,
        (rule) =>
          (rule.conditions.all[0] = { fact: 'ftoSearchDone', operator: 'greaterThan', value: 'many' }),
      ),
    file: SCORING,
    place: '/rules/0/conditions/all/0/value',
    reason:
      /^lessThan, lessThanInclusive, greaterThan and greaterThanInclusive compare with a number, found "many"$/,
  },
  {
    what: 'a list operator with an empty list',
    breakIt: (root) =>
      firstScoringRule(
        root,
        (rule) => (rule.conditions.all[0] = { fact: 'ftoSearchDone', operator: 'in', value: [] }),
      ),
    file: SCORING,
    place: '/rules/0/conditions/all/0/value',
    reason: /^in and notIn need a non-empty array, found \[\]$/,
  },
  {
    what: 'an equality with an object, which never matches',
    breakIt: (root) =>
      firstScoringRule(
        root,
        (rule) =>
          (rule.conditions.all[0] = { fact: 'ftoSearchDone', operator: 'equal', value: { yes: true } }),
      ),
    file: SCORING,
    place: '/rules/0/conditions/all/0/value',
    reason: /compare with ===, so an object or array value never matches: found {"yes":true}$/,
  },
  {
    what: 'a bad operator',
    breakIt: (root) => firstScoringRule(root, (rule) => (rule.conditions.all[0].operator = 'equals')),
    file: SCORING,
    place: '/rules/0/conditions/all/0/operator',
    reason: /^unknown operator "equals" \(json-rules-engine built-ins: equal, notEqual, /,
  },
  {
    what: 'a missing reason',
    breakIt: (root) => firstScoringRule(root, (rule) => delete rule.event.params.reason),
    file: SCORING,
    place: '/rules/0/event/params/reason',
    reason: /^required key "reason" is missing$/,
  },
  {
    what: 'a reason without its English text',
    breakIt: (root) => firstScoringRule(root, (rule) => (rule.event.params.reason.en = ' ')),
    file: SCORING,
    place: '/rules/0/event/params/reason/en',
    reason: /^must be a non-empty string, found " "$/,
  },
  {
    what: 'a missing basis',
    breakIt: (root) =>
      editJson(
        root,
        'rules/major-project/hard-stops.json',
        (json) => delete json.rules[0].event.params.basis,
      ),
    file: 'rules/major-project/hard-stops.json',
    place: '/rules/0/event/params/basis',
    reason: /^required key "basis" is missing$/,
  },
  {
    what: 'a bad dimension',
    breakIt: (root) => firstScoringRule(root, (rule) => (rule.event.params.dimension = 'legal')),
    file: SCORING,
    place: '/rules/0/event/params/dimension',
    reason:
      /^must be one of "ownership", "infringement", "validity", "compliance", "market", "management", found "legal"$/,
  },
  {
    what: 'points that are not a whole number above 0',
    breakIt: (root) => firstScoringRule(root, (rule) => (rule.event.params.points = 2.5)),
    file: SCORING,
    place: '/rules/0/event/params/points',
    reason: /^must be a whole number above 0, found 2.5$/,
  },
  {
    what: 'a measure not in the catalogue',
    breakIt: (root) => firstScoringRule(root, (rule) => (rule.event.params.measure = 'fto')),
    file: SCORING,
    place: '/rules/0/event/params/measure',
    reason: /^measure "fto" is not in rules\/measures.json$/,
  },
  {
    what: 'an event type that does not belong in the file',
    breakIt: (root) =>
      editJson(root, 'rules/major-project/hard-stops.json', (json) => (json.rules[0].event.type = 'finding')),
    file: 'rules/major-project/hard-stops.json',
    place: '/rules/0/event/type',
    reason: /^event type "finding" does not belong in this file \(allowed: hard-stop\)$/,
  },
  {
    what: 'a rule name without the prefix of its set',
    breakIt: (root) => firstScoringRule(root, (rule) => (rule.name = 'talent.no-fto')),
    file: SCORING,
    place: '/rules/0/name',
    reason: /^rule name "talent.no-fto" must start with "major."$/,
  },
  {
    what: 'a rule priority (rules must be independent)',
    breakIt: (root) => firstScoringRule(root, (rule) => (rule.priority = 10)),
    file: SCORING,
    place: '/rules/0/priority',
    reason: /^unknown key "priority" \(allowed: name, conditions, event\)$/,
  },
  {
    what: 'a bad level order',
    breakIt: (root) => editJson(root, 'rules/trade-show/levels.json', (json) => (json.high = 20)),
    file: 'rules/trade-show/levels.json',
    place: '/high',
    reason: /^high \(20\) must be above medium \(20\)$/,
  },
  {
    what: 'a bad countersign mode in the route defaults',
    breakIt: (root) => editJson(root, ROUTING, (json) => (json.defaults.mode = 'majority')),
    file: ROUTING,
    place: '/defaults/mode',
    reason: /^must be one of "all", "any", "sequential", found "majority"$/,
  },
  {
    what: '`after` (a delayed transition)',
    breakIt: (root) => workflow(root, (m) => (m.states.intake.after = { 432000000: 'withdrawn' })),
    file: WORKFLOW,
    place: '/states/intake/after',
    reason: /^delayed transitions \("after"\) are not allowed: .*invariant 5\)$/,
  },
  {
    what: '`invoke`',
    breakIt: (root) => workflow(root, (m) => (m.states.decision.invoke = { src: 'notify' })),
    file: WORKFLOW,
    place: '/states/decision/invoke',
    reason: /^"invoke" is not allowed/,
  },
  {
    what: 'xstate v4 `cond` for a guard',
    breakIt: (root) =>
      workflow(root, (m) => {
        const transition = m.states.intake.on.TASK_COMPLETED[0];
        transition.cond = transition.guard;
        delete transition.guard;
      }),
    file: WORKFLOW,
    place: '/states/intake/on/TASK_COMPLETED/0/cond',
    reason: /^"cond" is the xstate v4 name: use "guard"$/,
  },
  {
    what: 'a state without meta.label',
    breakIt: (root) => workflow(root, (m) => delete m.states.supplement.meta.label),
    file: WORKFLOW,
    place: '/states/supplement/meta/label',
    reason: /^required key "label" is missing$/,
  },
  {
    what: 'a time limit that is not a positive whole number',
    breakIt: (root) => workflow(root, (m) => (m.states.intake.meta.timeLimitWorkingDays = 0)),
    file: WORKFLOW,
    place: '/states/intake/meta/timeLimitWorkingDays',
    reason: /^must be a whole number above 0, found 0$/,
  },
  {
    what: 'a machine id that is not its activity type',
    breakIt: (root) => workflow(root, (m) => (m.id = 'show')),
    file: WORKFLOW,
    place: '/id',
    reason: /^the machine id must be the workflow's file name "trade-show", found "show"$/,
  },
  {
    what: 'an event the service never sends',
    breakIt: (root) =>
      workflow(root, (m) => (m.states.supplement.on.RESUBMITTED = m.states.supplement.on.RESUBMIT)),
    file: WORKFLOW,
    place: '/states/supplement/on/RESUBMITTED',
    reason:
      /^event "RESUBMITTED" is never sent \(events: TASK_COMPLETED, RESUBMIT, WITHDRAW, PHASE_SUBMITTED\)$/,
  },
];

afterAll(removeTreeCopies);

it('the valid fixture tree loads (so each problem below comes from its one change)', () => {
  expect(() => loadDefinitions(VALID_TREE)).not.toThrow();
});

it.each(cases)('$what: names the file, the place and the reason', ({ breakIt, file, place, reason }) => {
  const root = copyValidTree();
  breakIt(root);
  expect(problemsLoading(root)).toContainEqual({ file, place, reason: expect.stringMatching(reason) });
});

it('reports every problem of every file at once, one per line of the message', () => {
  const root = copyValidTree();
  removeFile(root, 'rules/trade-show/hard-stops.json');
  firstScoringRule(root, (rule) => (rule.event.params.dimension = 'legal'));
  workflow(root, (m) => (m.states.intake.meta.department = 'police'));
  let error: unknown;
  try {
    loadDefinitions(root);
  } catch (thrown) {
    error = thrown;
  }
  expect(error).toBeInstanceOf(DefinitionError);
  const { problems, message, code, details } = error as DefinitionError;
  expect(code).toBe('definition.invalid');
  expect(details).toEqual({ problems });
  expect(problems.map((problem) => problem.file)).toEqual([
    'rules/trade-show/hard-stops.json',
    SCORING,
    WORKFLOW,
  ]);
  expect(message.split('\n')).toEqual([
    'Definitions are invalid (3 problems):',
    'rules/trade-show/hard-stops.json: (whole file): required file is missing',
    `${SCORING}: /rules/0/event/params/dimension: must be one of "ownership", "infringement", "validity", "compliance", "market", "management", found "legal"`,
    `${WORKFLOW}: /states/intake/meta/department: department "police" is not in rules/departments.json nor one of $competent, $route`,
  ]);
});

it('reports a problem of the shared credit file once, not once per type', () => {
  const root = copyValidTree();
  editJson(root, 'rules/shared/credit.json', (json) => (json.rules[0].conditions.all[0].value = 'cnipa'));
  expect(problemsLoading(root)).toEqual([
    {
      file: 'rules/shared/credit.json',
      place: '/rules/0/conditions/all/0/value',
      reason:
        '"cnipa" is not a value of activeCreditLists item (values: cnipa-dishonesty, court-dishonest-debtor)',
    },
  ]);
});

it('reports a credit rule reading a fact that only some types declare, for the types that lack it', () => {
  const root = copyValidTree();
  editJson(root, 'rules/shared/credit.json', (json) =>
    json.rules[1].conditions.all.push({ fact: 'ftoSearchDone', operator: 'equal', value: false }),
  );
  expect(problemsLoading(root)).toEqual(
    ['talent-introduction', 'technology-trade', 'trade-show'].map((type) => ({
      file: 'rules/shared/credit.json',
      place: '/rules/1/conditions/all/1/fact',
      reason: `fact "ftoSearchDone" is not in the facts contract (rules/shared/facts.json, rules/shared/derived.json, rules/${type}/facts.json or rules/${type}/derived.json)`,
    })),
  );
});
