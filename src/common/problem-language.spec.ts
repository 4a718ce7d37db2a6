import { localizeProblem, problemLanguageOf } from './problem-language';

describe('problemLanguageOf', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['zh-CN', 'zh'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['en-US,en;q=0.9,zh;q=0.5', 'en'],
    ['fr, zh;q=0.3', 'zh'],
    ['zh;q=0, en', 'en'],
    ['de', 'en'],
  ])('%j -> %s', (header, language) => {
    expect(problemLanguageOf(header)).toBe(language);
  });
});

describe('localizeProblem', () => {
  const problem = {
    type: 'urn:ipr:problem:request.invalid',
    title: 'Bad Request',
    status: 400,
    detail: 'The request is not valid',
    code: 'request.invalid',
    errors: [
      { field: 'title', reason: 'required', zh: '必填' },
      {
        field: 'name',
        reason: 'name must be shorter than or equal to 200 characters',
        zh: 'name 的长度不得超过 200 个字符',
      },
      { field: 'phase', reason: 'phase must be one of a, b' },
    ],
  };

  it('leaves English as it is, each field error only its field and reason', () => {
    expect(localizeProblem(problem, 'en')).toEqual({
      ...problem,
      errors: [
        { field: 'title', reason: 'required' },
        { field: 'name', reason: 'name must be shorter than or equal to 200 characters' },
        { field: 'phase', reason: 'phase must be one of a, b' },
      ],
    });
  });

  it('says it in Chinese, code, type and fields unchanged, the English detail kept', () => {
    expect(localizeProblem(problem, 'zh')).toEqual({
      ...problem,
      title: '请求有误',
      detail: '请求不符合要求，见 errors 所列字段',
      detailEn: 'The request is not valid',
      errors: [
        { field: 'title', reason: '必填' },
        { field: 'name', reason: 'name 的长度不得超过 200 个字符' },
        // A reason given without its Chinese text still answers in Chinese, with the English specifics.
        { field: 'phase', reason: '不符合要求（phase must be one of a, b）' },
      ],
    });
  });
});
