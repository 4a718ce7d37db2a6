/**
 * A lawyer must be able to find every text a rule cites, in the version it means: each part of every
 * rule's `basis` (parts are separated by "；") names its year, and no basis is empty.
 */
import { join } from 'node:path';
import { loadDefinitions } from './load-definitions';

const catalogue = loadDefinitions(join(__dirname, '..', '..'));
const rules = [
  ...new Map(
    Object.values(catalogue.definitions)
      .flatMap((d) => d.rules.files)
      .flatMap((f) => f.rules)
      .map((rule) => [rule.name, rule] as const),
  ).values(),
];

it.each(rules.map((rule) => [rule.name, (rule.event.params as { basis?: string }).basis ?? '']))(
  '%s: every cited text carries its year',
  (_name, basis) => {
    expect(basis.length).toBeGreaterThan(0);
    for (const part of basis.split('；'))
      expect({ part, hasYear: /\d{4}/.test(part) }).toEqual({ part, hasYear: true });
  },
);
