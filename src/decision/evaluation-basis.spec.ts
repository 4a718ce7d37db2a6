/**
 * The evaluation basis (search scope and cut-off date, rights examined with their status, the applicant's
 * limitations, the evaluator) travels from the facts into the decision, through the real contracts of every
 * type, and changes no score: a report reads it from the decision.
 */
import { loadDefinitions } from '../definitions/load-definitions';
import { validateFacts } from '../definitions/facts-validation';
import { DomainError } from '../common/domain-error';
import { changeFacts, factFixture, REPO_ROOT } from '../../test/support/fact-fixtures';
import { decide } from './decide';
import type { EvaluationBasis } from './decision.types';

const catalogue = loadDefinitions(REPO_ROOT);
const SUBMITTED_AT = '2026-03-02T02:00:00Z';

/** What an applicant with an FTO opinion from an agency would send. */
const BASIS: EvaluationBasis = {
  search: {
    scope: 'CN、US、EP、JP 专利文献；IPC H01M 10/0525；检索式：固态电解质 AND 硫化物',
    cutOffDate: '2026-01-31',
    performedBy: '广州某专利代理事务所',
  },
  rightsExamined: [
    {
      kind: 'invention-patent',
      number: 'CN114000001B',
      holder: '某电池公司',
      jurisdiction: 'CN',
      legalStatus: 'in-force',
      statusCheckedOn: '2026-02-10',
    },
    { kind: 'patent-application', number: 'US2025/0123456A1', legalStatus: 'pending' },
  ],
  limitations: '未检索韩国专利文献；未审查外观设计。',
  evaluator: { organisation: '广东省知识产权保护中心', person: '李四', qualification: '专利代理师资格证' },
};

const TYPES: [string, string][] = [
  ['major-project', 'major-project.low'],
  ['talent-introduction', 'talent-introduction.low'],
  ['technology-trade', 'technology-trade.low'],
  ['trade-show', 'trade-show.low'],
];

it.each(TYPES)(
  '%s: the decision carries the evaluation basis as sent, after mandatoryEvaluation',
  async (type, fixture) => {
    const rules = catalogue.definitions[type].rules;
    const facts = changeFacts(factFixture(fixture), { evaluationBasis: BASIS });
    const decision = await decide(
      rules,
      { ...validateFacts(rules, withoutApplicant(facts)), applicant: facts.applicant },
      SUBMITTED_AT,
    );
    expect(decision.evaluationBasis).toEqual(BASIS);
    const keys = Object.keys(decision);
    expect(keys.indexOf('evaluationBasis')).toBe(keys.indexOf('mandatoryEvaluation') + 1);
    expect(keys.slice(-2)).toEqual(['derivedFacts', 'explanation']);
  },
);

it('no rule reads it: the same facts without it give the same decision, with no evaluationBasis key', async () => {
  const rules = catalogue.definitions['major-project'].rules;
  const high = factFixture('major-project.high');
  const without = await decide(rules, high, SUBMITTED_AT);
  const withIt = await decide(rules, changeFacts(high, { evaluationBasis: BASIS }), SUBMITTED_AT);
  expect('evaluationBasis' in without).toBe(false);
  const { evaluationBasis, ...rest } = withIt;
  expect(evaluationBasis).toEqual(BASIS);
  expect(rest).toEqual(without);
});

it('a part the applicant does not have stays absent in the decision, not null', async () => {
  const rules = catalogue.definitions['trade-show'].rules;
  const only = { limitations: '仅检索了德国专利文献。' };
  const decision = await decide(
    rules,
    changeFacts(factFixture('trade-show.low'), { evaluationBasis: only }),
    SUBMITTED_AT,
  );
  expect(decision.evaluationBasis).toEqual(only);
});

it('every phase of st-programme takes it too (it is written once, in rules/shared/facts.json)', async () => {
  for (const phase of catalogue.definitions['st-programme'].phases!) {
    const facts = changeFacts(factFixture(`st-programme.${phase.id}`), {
      evaluationBasis: { evaluator: BASIS.evaluator },
    });
    expect((await decide(phase.rules, facts, SUBMITTED_AT)).evaluationBasis).toEqual({
      evaluator: BASIS.evaluator,
    });
  }
});

describe('bad input is refused naming the field', () => {
  const rules = catalogue.definitions['major-project'].rules;
  const fieldsOf = (evaluationBasis: unknown): string[] => {
    try {
      validateFacts(rules, { ...withoutApplicant(factFixture('major-project.low')), evaluationBasis });
    } catch (error) {
      return ((error as DomainError).details as { errors: { field: string }[] }).errors.map((e) => e.field);
    }
    return [];
  };

  it.each([
    [
      'a cut-off date that is no date',
      { search: { scope: 'CN', cutOffDate: '31.01.2026' } },
      'facts.evaluationBasis.search.cutOffDate',
    ],
    [
      'a search without its cut-off date',
      { search: { scope: 'CN' } },
      'facts.evaluationBasis.search.cutOffDate',
    ],
    [
      'a legal status outside the list',
      { rightsExamined: [{ kind: 'trademark', number: '123', legalStatus: 'alive' }] },
      'facts.evaluationBasis.rightsExamined.0.legalStatus',
    ],
    [
      'an evaluator without organisation',
      { evaluator: { person: '李四' } },
      'facts.evaluationBasis.evaluator.organisation',
    ],
    ['a field the contract does not know', { reviewer: '李四' }, 'facts.evaluationBasis.reviewer'],
  ])('%s', (_name, evaluationBasis, field) => {
    expect(fieldsOf(evaluationBasis)).toContain(field);
  });

  it('a complete basis passes', () => {
    expect(fieldsOf(BASIS)).toEqual([]);
  });
});

function withoutApplicant(facts: Record<string, unknown>): Record<string, unknown> {
  const { applicant: _applicant, ...rest } = facts;
  return rest;
}
