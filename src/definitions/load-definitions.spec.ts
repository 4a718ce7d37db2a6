import { join } from 'node:path';
import { loadDefinitions } from './load-definitions';
import { ACTIVITY_TYPES } from '../../test/support/activity-types';
import { DefinitionError } from './definition-error';
import { VALID_TREE } from '../../test/fixtures/definitions/fixture-tree';
import { initialState } from '../workflow/transition';
import { fakeDecision } from '../workflow/workflow.fixtures';

const REPOSITORY_ROOT = join(__dirname, '..', '..');

describe('the shipped definitions (rules/ and workflows/ of the repository)', () => {
  const catalogue = loadDefinitions(REPOSITORY_ROOT);

  it.each(ACTIVITY_TYPES)('%s loads with its workflow and rule set, hashed', (type) => {
    const { rules, workflow } = catalogue.definitions[type];
    expect(rules.type).toBe(type);
    // The four types follow one procedure: one workflow file serves them all.
    expect(workflow).toMatchObject({ type, file: 'workflows/standard-review.json' });
    expect(rules.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(workflow.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rules.files.map((file) => file.file)).toEqual([
      'rules/shared/credit.json',
      `rules/${type}/hard-stops.json`,
      `rules/${type}/routing.json`,
      `rules/${type}/scoring.json`,
    ]);
    expect(rules.facts.input).toHaveProperty('applicant');
  });

  it('finds the types in the folders of rules/, as the tests know them', () => {
    expect(catalogue.types).toEqual([...ACTIVITY_TYPES, 'st-programme'].sort());
  });
});

describe('a loaded catalogue (fixture tree)', () => {
  const catalogue = loadDefinitions(VALID_TREE);

  it('merges the shared facts into each type and keeps the data of the files', () => {
    const { rules } = catalogue.definitions['talent-introduction'];
    expect(Object.keys(rules.facts.input)).toEqual([
      'applicant',
      'candidate',
      'departedOn',
      'exportControlledField',
    ]);
    expect(Object.keys(rules.facts.derived)).toEqual(['activeCreditLists', 'monthsSinceDeparture']);
    expect(rules.levels).toEqual({ medium: 20, high: 40, critical: 70 });
    expect(rules.routeDefaults).toEqual({
      departments: ['hrss', 'ipo'],
      mode: 'all',
      expertReviewAtLevel: 'high',
      legalityReviewOnHardStop: true,
    });
    expect(rules.files.flatMap((file) => file.rules.map((rule) => rule.name))).toEqual([
      'credit.cnipa-listed',
      'credit.uncertified',
      'talent.export-controlled',
      'talent.route.still-employed',
      'talent.service-invention-window',
    ]);
    expect(rules.departments.map((department) => department.code)).toEqual(
      catalogue.departments.map((department) => department.code),
    );
    expect(catalogue.measures.map((measure) => measure.code)).toEqual(['fto-opinion', 'credit-repair']);
  });

  it('stays usable frozen: the workflow runs from it (xstate does not write to its config)', () => {
    const { workflow } = catalogue.definitions['major-project'];
    const started = initialState(workflow, {
      competentDepartment: 'ndrc',
      decision: fakeDecision('major-project'),
    });
    expect(started.state).toBe('intake');
    expect(started.effects.openTasks).toEqual([
      expect.objectContaining({ stage: 'intake', department: 'ipo', timeLimitWorkingDays: 5 }),
    ]);
  });

  it('is frozen: a definition cannot change after it was hashed', () => {
    const { rules, workflow } = catalogue.definitions['trade-show'];
    expect(() => (rules.levels as { high: number }).high++).toThrow(TypeError);
    expect(() => rules.files[0].rules.push(rules.files[0].rules[0])).toThrow(TypeError);
    expect(() => ((workflow.machine.states.intake as Record<string, unknown>).after = {})).toThrow(TypeError);
  });
});

it('refuses a root that is not a directory', () => {
  expect(() => loadDefinitions(join(VALID_TREE, 'nowhere'))).toThrow(DefinitionError);
});
