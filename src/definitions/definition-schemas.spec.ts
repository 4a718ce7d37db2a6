/**
 * The definition files' schemas (rules/schemas/) against the code that reads the files: where a schema
 * lists a vocabulary the code also names (dimensions, countersign modes, risk levels, operators), the two
 * must not drift apart; and every definition file names its schema for editors.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { COUNTERSIGN_MODES, DIMENSIONS, RISK_LEVELS } from './definition.types';
import { checkAgainstSchema, SCHEMAS_DIR } from './definition-schemas';
import { RULE_OPERATORS } from './rule-conditions';

const ROOT = join(__dirname, '..', '..');
type Json = Record<string, any>; // reaching into the schemas' own JSON
const schema = (name: string) => JSON.parse(readFileSync(join(SCHEMAS_DIR, name), 'utf8')) as Json;

it('lists the vocabularies the code computes with', () => {
  const rule = schema('rule.schema.json').$defs;
  expect(rule.findingParams.properties.dimension.enum).toEqual([...DIMENSIONS]);
  expect(rule.countersignMode.enum).toEqual([...COUNTERSIGN_MODES]);
  expect(rule.leaf.properties.operator.enum).toEqual([...RULE_OPERATORS]);
  const defaults = schema('routing.schema.json').$defs.defaults;
  expect(defaults.properties.expertReviewAtLevel.enum).toEqual([...RISK_LEVELS, null]);
});

function jsonFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === 'schemas' ? [] : jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

it('every definition file names its schema in "$schema" and satisfies it', () => {
  const files = [...jsonFiles(join(ROOT, 'rules')), ...jsonFiles(join(ROOT, 'workflows'))];
  expect(files.length).toBeGreaterThan(40);
  for (const file of files) {
    const document = JSON.parse(readFileSync(file, 'utf8')) as Json;
    const named = resolve(dirname(file), String(document.$schema));
    expect({ file: relative(ROOT, file), schema: relative(SCHEMAS_DIR, named) }).toEqual({
      file: relative(ROOT, file),
      schema: expect.stringMatching(/^[a-z-]+\.schema\.json$/),
    });
    const problems: string[] = [];
    checkAgainstSchema(relative(SCHEMAS_DIR, named), document, (place, reason) =>
      problems.push(`${place}: ${reason}`),
    );
    expect({ file: relative(ROOT, file), problems }).toEqual({ file: relative(ROOT, file), problems: [] });
  }
});

it('tells why a refused key is refused, in place of the generic errors there', () => {
  const problems: { place: string; reason: string }[] = [];
  const machine = {
    id: 'x',
    initial: 'a',
    states: { a: { meta: { label: { zh: '甲', en: 'A' } }, after: { 1000: 'a' } } },
  };
  checkAgainstSchema('workflow.schema.json', machine, (place, reason) => problems.push({ place, reason }));
  expect(problems).toEqual([
    {
      place: '/states/a/after',
      reason: expect.stringMatching(/^delayed transitions \("after"\) are not allowed/),
    },
  ]);
});

it('names a state name the targets could not reach at the state, with the reason the schema gives', () => {
  const problems: { place: string; reason: string }[] = [];
  const label = { zh: '甲', en: 'A' };
  const machine = { id: 'x', initial: 'a', states: { a: { meta: { label } }, 'b.c': { meta: { label } } } };
  checkAgainstSchema('workflow.schema.json', machine, (place, reason) => problems.push({ place, reason }));
  expect(problems).toEqual([
    {
      place: '/states/b.c',
      reason:
        'state name "b.c" must not be empty or contain "." or "#": dots and hashes are path and id syntax in targets',
    },
  ]);
});

it("speaks a node's own reason for its value only, not for the keys it misses or has too many", () => {
  const problems: { place: string; reason: string }[] = [];
  const rule = {
    name: 'x.route',
    conditions: { all: [{ fact: 'a', operator: 'equal', value: true }] },
    event: { type: 'route', params: { departments: ['ipo'], extra: 1 } },
  };
  checkAgainstSchema('routing.schema.json', { defaults: undefined, rules: [rule] }, (place, reason) =>
    problems.push({ place, reason }),
  );
  expect(problems).toEqual(
    expect.arrayContaining([
      { place: '/rules/0/event/params/reason', reason: 'required key "reason" is missing' },
      {
        place: '/rules/0/event/params/extra',
        reason:
          'unknown key "extra" (allowed: reason, basis, departments, mode, expertReview, legalityReview)',
      },
    ]),
  );
  expect(problems.map((problem) => problem.reason)).not.toContain(
    'a route rule must add departments, set a mode or ask for expert or legality review',
  );
});
