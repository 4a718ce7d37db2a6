import 'reflect-metadata';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateAssessmentDto } from '../../assessments/dto/create-assessment.dto';
import { flattenValidationErrors } from '../../common/validation-errors';
import { CompleteTaskDto } from '../../tasks/dto/complete-task.dto';
import { CreateEvaluationDto } from './create-evaluation.dto';
import { ListEvaluationsQuery } from './list-evaluations.query';
import { ResubmitEvaluationDto } from './resubmit-evaluation.dto';

/** What the global ValidationPipe does (transform, whitelist, forbidNonWhitelisted), as field errors. */
function check<T extends object>(dto: ClassConstructor<T>, plain: object) {
  const instance = plainToInstance(dto, plain);
  const errors = flattenValidationErrors(
    validateSync(instance, { whitelist: true, forbidNonWhitelisted: true }),
  );
  return { instance, fields: [...new Set(errors.map((e) => e.field))] };
}

const APPLICANT = {
  name: '汕尾市某科技有限公司',
  creditCode: '91350100M000100Y43',
  kind: 'enterprise',
  creditRecords: [],
  ipManagementCertified: false,
};
const EVALUATION = {
  type: 'trade-show',
  title: '2026 汉诺威工业博览会参展',
  applicant: APPLICANT,
  competentDepartment: 'commerce',
  facts: { exhibition: { name: 'Hannover Messe' }, anything: [1, 'two', null] },
};

describe('CreateEvaluationDto', () => {
  it('accepts a well-formed envelope and leaves applicant and facts to validateApplicant and validateFacts', () => {
    const { instance, fields } = check(CreateEvaluationDto, EVALUATION);
    expect(fields).toEqual([]);
    expect(instance.facts).toStrictEqual(EVALUATION.facts);
    // The applicant is checked against the shared contract by the service (validateApplicant).
    expect(instance.applicant).toEqual(APPLICANT);
  });

  it.each([
    ['malformed type (whether it exists is checked by the service)', { type: 'Trade Show' }, 'type'],
    ['empty title', { title: '' }, 'title'],
    ['too-long title', { title: '题'.repeat(301) }, 'title'],
    ['upper-case department', { competentDepartment: 'NDRC' }, 'competentDepartment'],
    ['department with a space', { competentDepartment: 'nd rc' }, 'competentDepartment'],
    ['facts as a list', { facts: [] }, 'facts'],
    ['facts missing', { facts: undefined }, 'facts'],
    ['applicant as a string', { applicant: 'acme' }, 'applicant'],
    ['unknown envelope field', { priority: 'high' }, 'priority'],
  ])('rejects %s', (_, change, field) => {
    expect(check(CreateEvaluationDto, { ...EVALUATION, ...change }).fields).toEqual([field]);
  });
});

describe('CreateAssessmentDto and ResubmitEvaluationDto', () => {
  it('need no title or department for an assessment', () => {
    const { type, applicant, facts } = EVALUATION;
    expect(check(CreateAssessmentDto, { type, applicant, facts }).fields).toEqual([]);
    expect(check(CreateAssessmentDto, { type, applicant, facts, title: 'x' }).fields).toEqual(['title']);
  });

  it('take the facts of a resubmission as an object', () => {
    expect(check(ResubmitEvaluationDto, { facts: { a: 1 } }).fields).toEqual([]);
    expect(check(ResubmitEvaluationDto, { facts: 'a' }).fields).toEqual(['facts']);
  });
});

describe('CompleteTaskDto', () => {
  it('accepts an outcome alone, or with comment, conditions and override reason', () => {
    expect(check(CompleteTaskDto, { outcome: 'approve' }).fields).toEqual([]);
    const full = {
      outcome: 'pass-with-conditions',
      comment: 'ok',
      conditions: ['提交不侵权承诺书'],
      overrideReason: '名单已移出',
    };
    expect(check(CompleteTaskDto, full).fields).toEqual([]);
  });

  it.each([
    ['no outcome', {}, 'outcome'],
    ['too-long outcome', { outcome: 'a'.repeat(41) }, 'outcome'],
    ['too-long comment', { outcome: 'return', comment: 'a'.repeat(2001) }, 'comment'],
    ['21 conditions', { outcome: 'pass-with-conditions', conditions: Array(21).fill('c') }, 'conditions'],
    ['an empty condition', { outcome: 'pass-with-conditions', conditions: ['c', ''] }, 'conditions'],
    [
      'a too-long condition',
      { outcome: 'pass-with-conditions', conditions: ['c'.repeat(501)] },
      'conditions',
    ],
    ['an empty override reason', { outcome: 'pass', overrideReason: '' }, 'overrideReason'],
  ])('rejects %s', (_, plain, field) => {
    expect(check(CompleteTaskDto, plain).fields).toEqual([field]);
  });
});

describe('ListEvaluationsQuery', () => {
  it('defaults to the first page of 20', () => {
    const { instance, fields } = check(ListEvaluationsQuery, {});
    expect(fields).toEqual([]);
    expect([instance.page, instance.pageSize]).toEqual([1, 20]);
  });

  it('turns query-string numbers into numbers', () => {
    const { instance, fields } = check(ListEvaluationsQuery, {
      page: '3',
      pageSize: '100',
      status: 'open',
      level: 'high',
    });
    expect(fields).toEqual([]);
    expect([instance.page, instance.pageSize]).toEqual([3, 100]);
  });

  it.each([
    ['page 0', { page: '0' }, 'page'],
    ['a page that is not a number', { page: 'two' }, 'page'],
    ['a fractional page', { page: '1.5' }, 'page'],
    ['pageSize 101', { pageSize: '101' }, 'pageSize'],
    ['unknown status', { status: 'pending' }, 'status'],
    ['unknown level', { level: 'severe' }, 'level'],
    ['malformed type', { type: 'trade_show' }, 'type'],
  ])('rejects %s', (_, query, field) => {
    expect(check(ListEvaluationsQuery, query).fields).toEqual([field]);
  });
});
