import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateAssessmentDto } from '../assessments/dto/create-assessment.dto';
import { DomainError } from '../common/domain-error';
import type { FieldError } from '../common/problem';
import { flattenValidationErrors } from '../common/validation-errors';
import { ACTIVITY_TYPES } from '../../test/support/activity-types';
import { type ActivityType } from './definition.types';
import { validateFacts } from './facts-validation';
import { loadDefinitions } from './load-definitions';

const ROOT = join(__dirname, '..', '..');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as T;
const catalogue = loadDefinitions(ROOT);
/** The contract as a case pins it: the type's rule set, its facts schema and hash. */
const contractOf = (type: string) => catalogue.definitions[type as ActivityType].rules;

type Plain = Record<string, unknown>;
/** A fixture is what a client sends for an assessment, flattened: { applicant, ...facts }. */
const fixture = (type: ActivityType, level: 'low' | 'high') =>
  readJson<Plain>(`test/fixtures/facts/${type}.${level}.json`);

/** Validates a whole request the way the ValidationPipe + service do, returning every field error. */
function requestErrors(type: ActivityType, flat: Plain): FieldError[] {
  const { applicant, ...facts } = flat;
  const envelope = plainToInstance(CreateAssessmentDto, { type, applicant, facts });
  const errors = flattenValidationErrors(
    validateSync(envelope, { whitelist: true, forbidNonWhitelisted: true }),
  );
  try {
    validateFacts(contractOf(type), facts);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    expect(error.code).toBe('request.invalid');
    errors.push(...(error.details.errors as FieldError[]));
  }
  return errors;
}

describe('the fixtures are valid requests', () => {
  const cases = ACTIVITY_TYPES.flatMap((type) =>
    (['low', 'high'] as const).map((level) => [type, level] as const),
  );

  it.each(cases)('%s.%s.json', (type, level) => {
    const flat = fixture(type, level);
    expect(requestErrors(type, flat)).toEqual([]);
    const { applicant: _applicant, ...facts } = flat;
    // What validateFacts returns is stored and fed to the rules: the very same values, as plain JSON.
    const validated = validateFacts(contractOf(type), facts);
    expect(validated).toStrictEqual(facts);
    expect(Object.getPrototypeOf(validated)).toBe(Object.prototype);
  });
});

/**
 * Request facts against the facts contract (rules/<type>/facts.json, a JSON Schema checked with ajv): the
 * shipped fixtures pass, and each way of breaking a fact is refused naming the field and the reason.
 */
describe('bad facts are rejected with the path of the field at fault', () => {
  const STRING_201 = 'x'.repeat(201);
  const COUNTRIES_51 = Array.from({ length: 51 }, () => 'DE');

  // [what, type, path to change, new value (undefined removes it), expected field, expected reason]
  const BAD_INPUTS: [string, ActivityType, string, unknown, string, RegExp][] = [
    [
      'wrong enum',
      'major-project',
      'category',
      'factory',
      'facts.category',
      /must be one of the following values/,
    ],
    [
      'wrong enum, nested',
      'talent-introduction',
      'candidate.role',
      'ceo',
      'facts.candidate.role',
      /one of the following/,
    ],
    [
      'wrong enum in a list',
      'technology-trade',
      'restrictiveClauses',
      ['tying', 'non-compete'],
      'facts.restrictiveClauses.1',
      /^item 1 of restrictiveClauses must be one of the following values/,
    ],
    ['unknown field', 'major-project', 'fiscalInvestment', 1, 'facts.fiscalInvestment', /should not exist/],
    [
      'unknown nested field',
      'trade-show',
      'exhibition.hall',
      'H12',
      'facts.exhibition.hall',
      /should not exist/,
    ],
    [
      'the applicant inside facts',
      'technology-trade',
      'facts.applicant',
      {},
      'facts.facts',
      /should not exist/,
    ],
    [
      'date that does not exist',
      'trade-show',
      'exhibition.opensOn',
      '2026-02-30',
      'facts.exhibition.opensOn',
      /real calendar date/,
    ],
    [
      'date with a time',
      'talent-introduction',
      'departedOn',
      '2024-06-30T00:00:00Z',
      'facts.departedOn',
      /real calendar date/,
    ],
    [
      'country that does not exist',
      'talent-introduction',
      'formerEmployer.country',
      'XX',
      'facts.formerEmployer.country',
      /ISO 3166-1 alpha-2/,
    ],
    [
      'country by name',
      'technology-trade',
      'counterpartyCountry',
      'china',
      'facts.counterpartyCountry',
      /ISO 3166-1 alpha-2/,
    ],
    [
      'lower-case country in a list',
      'major-project',
      'targetMarkets',
      ['DE', 'cn'],
      'facts.targetMarkets.1',
      /^item 1 of targetMarkets must be an upper-case ISO 3166-1 alpha-2/,
    ],
    ['negative count', 'trade-show', 'exhibitsCount', -1, 'facts.exhibitsCount', /must not be less than 0/],
    [
      'fractional count',
      'talent-introduction',
      'applicationsSinceDeparture',
      1.5,
      'facts.applicationsSinceDeparture',
      /integer/,
    ],
    [
      'count beyond sanity',
      'major-project',
      'coreInventionPatentsGranted',
      100_001,
      'facts.coreInventionPatentsGranted',
      /greater than 100000/,
    ],
    [
      'negative money',
      'major-project',
      'fiscalInvestmentCny',
      -5,
      'facts.fiscalInvestmentCny',
      /less than 0/,
    ],
    [
      'money beyond sanity',
      'major-project',
      'totalInvestmentCny',
      1e13 + 1,
      'facts.totalInvestmentCny',
      /greater than/,
    ],
    [
      'zero-day exhibition',
      'trade-show',
      'exhibition.durationDays',
      0,
      'facts.exhibition.durationDays',
      /less than 1/,
    ],
    [
      '366-day exhibition',
      'trade-show',
      'exhibition.durationDays',
      366,
      'facts.exhibition.durationDays',
      /greater than 365/,
    ],
    [
      'too-long name',
      'talent-introduction',
      'candidate.name',
      STRING_201,
      'facts.candidate.name',
      /shorter than or equal to 200/,
    ],
    ['empty name', 'trade-show', 'exhibition.name', '', 'facts.exhibition.name', /longer than or equal to 1/],
    [
      'too many list items',
      'technology-trade',
      'destinationMarkets',
      COUNTRIES_51,
      'facts.destinationMarkets',
      /no more than 50/,
    ],
    [
      'list instead of a value',
      'major-project',
      'targetMarkets',
      'DE',
      'facts.targetMarkets',
      /must be an array/,
    ],
    [
      'string instead of boolean',
      'technology-trade',
      'ftoSearchDone',
      'yes',
      'facts.ftoSearchDone',
      /boolean/,
    ],
    [
      'string instead of number',
      'major-project',
      'pendingInventionApplications',
      '3',
      'facts.pendingInventionApplications',
      /integer/,
    ],
    [
      'null for a required fact',
      'trade-show',
      'protectiveLetterFiled',
      null,
      'facts.protectiveLetterFiled',
      /boolean/,
    ],
    [
      'array instead of an object',
      'talent-introduction',
      'nonCompete',
      [{ signed: true }],
      'facts.nonCompete',
      /must be an object/,
    ],
    [
      'missing required fact',
      'technology-trade',
      'direction',
      undefined,
      'facts.direction',
      /^direction is required$/,
    ],
    [
      'missing required nested fact',
      'talent-introduction',
      'nonCompete.signed',
      undefined,
      'facts.nonCompete.signed',
      /^signed is required$/,
    ],
    [
      'missing required object',
      'trade-show',
      'exhibition',
      undefined,
      'facts.exhibition',
      /^exhibition is required$/,
    ],
    [
      'bad check character',
      'major-project',
      'applicant.creditCode',
      '91350100M000100Y44',
      'applicant.creditCode',
      /GB 32100-2015/,
    ],
    [
      'lower-case credit code',
      'trade-show',
      'applicant.creditCode',
      '9144030071526726xg',
      'applicant.creditCode',
      /GB 32100-2015/,
    ],
    [
      'unknown applicant kind',
      'talent-introduction',
      'applicant.kind',
      'person',
      'applicant.kind',
      /one of the following/,
    ],
    [
      'bad date in a credit record',
      'technology-trade',
      'applicant.creditRecords',
      [{ list: 'cnipa-dishonesty', listedOn: '2025-13-01' }],
      'applicant.creditRecords.0.listedOn',
      /real calendar date/,
    ],
    [
      'unknown credit list',
      'major-project',
      'applicant.creditRecords',
      [{ list: 'blacklist', listedOn: '2025-01-01' }],
      'applicant.creditRecords.0.list',
      /one of the following/,
    ],
    [
      'unknown field in a credit record',
      'trade-show',
      'applicant.creditRecords',
      [{ list: 'exhibition-blacklist', listedOn: '2025-01-01', by: 'x' }],
      'applicant.creditRecords.0.by',
      /should not exist/,
    ],
    [
      'missing applicant certification',
      'talent-introduction',
      'applicant.ipManagementCertified',
      undefined,
      'applicant.ipManagementCertified',
      /^required$/, // a missing field says so, once (src/common/validation-errors.ts)
    ],
  ];

  it.each(BAD_INPUTS)('%s (%s %s)', (_, type, path, value, field, reason) => {
    const flat = withChange(fixture(type, 'low'), path, value);
    const errors = requestErrors(type, flat);
    // Only the changed field is at fault, so the test shows that the error points at it and nothing else.
    expect([...new Set(errors.map((e) => e.field))]).toEqual([field]);
    expect(errors.map((e) => e.reason)).toContainEqual(expect.stringMatching(reason));
  });

  it.each([
    ['an absent optional fact', 'talent-introduction', 'departedOn', undefined],
    ['a null optional fact', 'talent-introduction', 'departedOn', null],
    ['a null optional nested fact', 'trade-show', 'exhibition.city', null],
    ['a null optional object', 'major-project', 'ipTargets', null],
    ['an empty list', 'technology-trade', 'restrictiveClauses', []],
    [
      'a credit record without end or reason',
      'major-project',
      'applicant.creditRecords',
      [{ list: 'court-dishonest-debtor', listedOn: '2025-01-01' }],
    ],
  ] as [string, ActivityType, string, unknown][])('accepts %s', (_, type, path, value) => {
    expect(requestErrors(type, withChange(fixture(type, 'low'), path, value))).toEqual([]);
  });

  it('rejects facts that are not an object under the field "facts"', () => {
    for (const facts of [null, [], 'facts', 42]) {
      expect(() => validateFacts(contractOf('trade-show'), facts)).toThrow(
        expect.objectContaining({
          code: 'request.invalid',
          details: { errors: [{ field: 'facts', reason: 'facts must be an object', zh: 'facts 须为对象' }] },
        }),
      );
    }
  });

  it('lists every fault at once, not only the first', () => {
    const { applicant: _applicant, ...facts } = fixture('technology-trade', 'low');
    const bad = { ...facts, direction: 'sideways', counterpartyCountry: 'XX', extra: true };
    expect(() => validateFacts(contractOf('technology-trade'), bad)).toThrow(
      expect.objectContaining({
        message: 'The facts do not satisfy the technology-trade contract (3 errors)',
        details: {
          errors: expect.arrayContaining([
            expect.objectContaining({ field: 'facts.direction' }),
            expect.objectContaining({ field: 'facts.counterpartyCountry' }),
            expect.objectContaining({ field: 'facts.extra' }),
          ]),
        },
      }),
    );
  });
});

/** A deep copy of `flat` with the value at a dotted path replaced, or removed when `value` is undefined. */
function withChange(flat: Plain, path: string, value: unknown): Plain {
  const copy = structuredClone(flat);
  const keys = path.split('.');
  const last = keys.pop()!;
  let node = copy;
  for (const key of keys) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Plain;
  }
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}
