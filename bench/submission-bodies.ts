/**
 * Valid, varied POST /evaluations bodies of all four activity types for the HTTP benchmarks: the low and
 * high fact fixtures, with booleans flipped and counts moved within the facts contract, from a seeded
 * generator so every run sends the same bodies.
 */
import type { ActivityType, FactSpec } from '../src/definitions/definition.types';
import { ACTIVITY_TYPES } from '../test/support/activity-types';
import { loadDefinitions } from '../src/definitions/load-definitions';
import { factFixture } from '../test/support/fact-fixtures';
import { seededRandom } from '../test/support/seeded-random';
import { REPO_ROOT } from './service-process';

/** The department competent for each type, whose officer submits (and later decides) the case. */
export const COMPETENT_DEPARTMENT: Record<ActivityType, string> = {
  'major-project': 'ndrc',
  'talent-introduction': 'hrss',
  'trade-show': 'commerce',
  'technology-trade': 'commerce',
};

export interface SubmissionBody {
  type: ActivityType;
  title: string;
  applicant: Record<string, unknown>;
  competentDepartment: string;
  facts: Record<string, unknown>;
}

export function submissionBodies(count: number, seed = 20251125): SubmissionBody[] {
  const catalogue = loadDefinitions(REPO_ROOT);
  const random = seededRandom(seed);
  const bodies: SubmissionBody[] = [];
  for (let i = 0; i < count; i += 1) {
    const type = ACTIVITY_TYPES[i % ACTIVITY_TYPES.length];
    const variant = random() < 0.5 ? 'low' : 'high';
    const { applicant, ...facts } = factFixture(`${type}.${variant}`);
    const contract = catalogue.definitions[type].rules.facts.input;
    for (const [name, spec] of Object.entries(contract)) vary(facts, name, spec, random);
    bodies.push({
      type,
      title: `bench ${type} ${variant} #${i}`,
      applicant: { ...applicant, ipManagementCertified: random() < 0.5 },
      competentDepartment: COMPETENT_DEPARTMENT[type],
      facts,
    });
  }
  return bodies;
}

/** Moves one top-level fact within its contract: booleans flip now and then, counts move, amounts stay. */
function vary(facts: Record<string, unknown>, name: string, spec: FactSpec, random: () => number): void {
  const value = facts[name];
  if (spec.kind === 'boolean' && typeof value === 'boolean' && random() < 0.3) facts[name] = !value;
  // Money amounts relate to each other (fiscal <= total); counts stand alone.
  if (spec.kind === 'integer' && typeof value === 'number' && !/Cny$/.test(name)) {
    const min = spec.min ?? 0;
    const max = Math.min(spec.max ?? Number.MAX_SAFE_INTEGER, min + Math.max(20, value * 2));
    facts[name] = min + Math.floor(random() * (max - min + 1));
  }
}
