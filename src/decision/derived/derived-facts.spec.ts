import { ACTIVITY_TYPES } from '../../../test/support/activity-types';
import { loadDefinitions } from '../../definitions/load-definitions';
import { factFixture, REPO_ROOT } from '../../../test/support/fact-fixtures';
import { normaliseFacts } from '../normalise-facts';
import { deriveApplicantFacts, REPLAY_ONLY_DERIVED_FACTS } from './applicant.derived';
import { deriveFacts } from './derived-facts';

const SUBMITTED_AT = '2025-06-30T16:30:00.000Z';
const catalogue = loadDefinitions(REPO_ROOT);

describe('deriveFacts', () => {
  it.each(ACTIVITY_TYPES)(
    '%s: computes exactly the derived facts of the merged contract (shared + type)',
    (type) => {
      const rules = catalogue.definitions[type].rules;
      const facts = normaliseFacts(rules.facts, factFixture(`${type}.high`));
      const derived = Object.keys(deriveFacts(type, facts, SUBMITTED_AT));
      expect(derived.filter((name) => !REPLAY_ONLY_DERIVED_FACTS.includes(name)).sort()).toEqual(
        Object.keys(rules.facts.derived).sort(),
      );
    },
  );

  it.each(ACTIVITY_TYPES)('%s: includes the applicant facts unchanged', (type) => {
    const facts = normaliseFacts(catalogue.definitions[type].rules.facts, factFixture(`${type}.high`));
    expect(deriveFacts(type, facts, SUBMITTED_AT)).toMatchObject(deriveApplicantFacts(facts, SUBMITTED_AT));
  });
});
