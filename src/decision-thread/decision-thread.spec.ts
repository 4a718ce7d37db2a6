/**
 * decide() on its worker thread against decide() on this one, over the real definitions and fixtures: the
 * same canonical text of the decision and of the facts, refusals as the same DomainError, and a thread
 * started again after it stopped is sent the rule sets it has not seen.
 */
import { canonicalJson } from '../audit/audit-hash';
import { DomainError } from '../common/domain-error';
import { decide } from '../decision/decide';
import type { DefinitionCatalogue } from '../definitions/definition.types';
import { loadDefinitions } from '../definitions/load-definitions';
import { ACTIVITY_TYPES } from '../../test/support/activity-types';
import { factFixture, REPO_ROOT } from '../../test/support/fact-fixtures';
import { decisionInContext } from '../workflow/workflow-context';
import { DecisionThread } from './decision-thread';

const SUBMITTED_AT = '2026-03-02T02:00:00.000Z';

let catalogue: DefinitionCatalogue;
let thread: DecisionThread;
beforeAll(() => {
  catalogue = loadDefinitions(REPO_ROOT);
  thread = new DecisionThread();
});
afterAll(() => thread.onApplicationShutdown());

it.each(ACTIVITY_TYPES.flatMap((type) => [`${type}.low`, `${type}.high`]))(
  'decides %s as this thread does, to the byte',
  async (fixture) => {
    const rules = catalogue.definitions[fixture.split('.')[0]].rules;
    const facts = factFixture(fixture);
    const here = await decide(rules, facts, SUBMITTED_AT);
    const there = await thread.decide(rules, facts, SUBMITTED_AT);
    expect(there.canonical.decision.text).toBe(canonicalJson(here));
    expect(there.canonical.facts.text).toBe(canonicalJson(facts));
    expect(there.outline).toEqual(decisionInContext(here));
  },
);

it('refuses facts that miss a required one with the same DomainError as this thread', async () => {
  const type = ACTIVITY_TYPES[0];
  const rules = catalogue.definitions[type].rules;
  const required = Object.entries(rules.facts.input).find(([, spec]) => spec.required !== false)![0];
  const facts = { ...factFixture(`${type}.low`) } as Record<string, unknown>;
  delete facts[required];
  const here = await decide(rules, facts as never, SUBMITTED_AT).catch((e: unknown) => e);
  const there = await thread.decide(rules, facts as never, SUBMITTED_AT).catch((e: unknown) => e);
  expect(here).toBeInstanceOf(DomainError);
  expect(there).toBeInstanceOf(DomainError);
  expect(there).toMatchObject({
    code: (here as DomainError).code,
    message: (here as DomainError).message,
    details: (here as DomainError).details,
  });
});

it('sends a thread started again the rule sets it has not seen', async () => {
  const type = ACTIVITY_TYPES[1];
  const rules = catalogue.definitions[type].rules;
  const facts = factFixture(`${type}.high`);
  const before = await thread.decide(rules, facts, SUBMITTED_AT);
  await thread.onApplicationShutdown(); // the next job starts a new thread, which knows no rule set
  const after = await thread.decide(rules, facts, SUBMITTED_AT);
  expect(after.canonical.decision.text).toBe(before.canonical.decision.text);
});
