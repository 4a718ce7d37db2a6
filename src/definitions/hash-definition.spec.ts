import { createHash } from 'node:crypto';
import { contentHash, hashRuleSet, hashWorkflow } from './hash-definition';
import { loadDefinitions } from './load-definitions';
import { ACTIVITY_TYPES } from '../../test/support/activity-types';
import { type DefinitionCatalogue } from './definition.types';
import {
  copyValidTree,
  editJson,
  removeTreeCopies,
  VALID_TREE,
  writeText,
} from '../../test/fixtures/definitions/fixture-tree';

afterAll(removeTreeCopies);

const hashesOf = (catalogue: DefinitionCatalogue) =>
  ACTIVITY_TYPES.map((type) => ({
    type,
    rules: catalogue.definitions[type].rules.hash,
    workflow: catalogue.definitions[type].workflow.hash,
  }));

it('is the sha-256 of the RFC 8785 canonical JSON: sorted keys, no whitespace, shortest numbers', () => {
  const canonical = '{"a":[1,"x",1e+21],"b":{"c":0.5,"d":null}}';
  expect(contentHash({ b: { d: null, c: 0.5 }, a: [1.0, 'x', 1e21] })).toBe(
    createHash('sha256').update(canonical).digest('hex'),
  );
});

it('is stable across two loads of the same files', () => {
  expect(hashesOf(loadDefinitions(VALID_TREE))).toEqual(hashesOf(loadDefinitions(VALID_TREE)));
});

it('is the hash of the loaded content, so a stored version can be checked against it', () => {
  for (const { rules, workflow } of Object.values(loadDefinitions(VALID_TREE).definitions)) {
    expect(rules.hash).toBe(hashRuleSet(rules));
    expect(workflow.hash).toBe(hashWorkflow(workflow.machine));
    expect(rules.hash).toMatch(/^[0-9a-f]{64}$/);
  }
});

it('changes for the type whose rule changed, and only for it', () => {
  const before = hashesOf(loadDefinitions(VALID_TREE));
  const root = copyValidTree();
  editJson(root, 'rules/major-project/scoring.json', (json) => (json.rules[0].event.params.points = 21));
  const after = hashesOf(loadDefinitions(root));
  expect(after.map((hashes, i) => hashes.rules !== before[i].rules)).toEqual([true, false, false, false]);
  expect(after.map((hashes) => hashes.workflow)).toEqual(before.map((hashes) => hashes.workflow));
});

it('changes for every type when a shared credit rule changes', () => {
  const before = hashesOf(loadDefinitions(VALID_TREE));
  const root = copyValidTree();
  editJson(root, 'rules/shared/credit.json', (json) => (json.rules[0].event.params.basis += '第二十条'));
  const after = hashesOf(loadDefinitions(root));
  expect(after.map((hashes, i) => hashes.rules !== before[i].rules)).toEqual([true, true, true, true]);
});

it('changes with the workflow, not with key order or whitespace', () => {
  const before = hashesOf(loadDefinitions(VALID_TREE));
  const root = copyValidTree();
  const file = 'rules/trade-show/levels.json';
  writeText(root, file, '{"critical":70,\n\n"high":40,   "medium":20}');
  editJson(
    root,
    'workflows/technology-trade.json',
    (machine) => (machine.states.decision.meta.timeLimitWorkingDays = 7),
  );
  const after = hashesOf(loadDefinitions(root));
  expect(after.map((hashes) => hashes.rules)).toEqual(before.map((hashes) => hashes.rules));
  expect(after.map((hashes, i) => hashes.workflow !== before[i].workflow)).toEqual([
    false,
    false,
    false,
    true,
  ]);
});

it('keeps the "$comment" of what it hashes (machine, rules) and not the file comment of a rule file', () => {
  const before = hashesOf(loadDefinitions(VALID_TREE));
  const root = copyValidTree();
  editJson(root, 'workflows/major-project.json', (machine) => (machine.$comment = 'Reworded.'));
  editJson(root, 'rules/trade-show/scoring.json', (json) => (json.rules[0].$comment = 'Why 15 points: ...'));
  editJson(root, 'rules/technology-trade/scoring.json', (json) => (json.$comment = 'A file comment.'));
  const after = hashesOf(loadDefinitions(root));
  expect(after.map((hashes, i) => hashes.workflow !== before[i].workflow)).toEqual([
    true,
    false,
    false,
    false,
  ]);
  expect(after.map((hashes, i) => hashes.rules !== before[i].rules)).toEqual([false, false, true, false]);
});
