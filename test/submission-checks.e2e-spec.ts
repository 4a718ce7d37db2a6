/**
 * Issue 13 items 5 and 7: the competent department is checked against the type's definition
 * (routing.json defaults.competentDepartments) with a 400 naming the field; an unknown department is a 400
 * naming the field, not a 403 (the policy never sees it); a missing field says "required".
 */
import { buildWorld, caseBody, countRows, expectProblem, send, type World } from './support/authz-world';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = await startTestApp();
  world = await buildWorld(t);
});

afterAll(async () => {
  await t?.close();
});

const errorsOf = (res: { body: { errors?: { field: string; reason: string }[] } }) => res.body.errors ?? [];

describe('submission checks', () => {
  it('refuses a department that is not competent for the type, naming the field', async () => {
    const before = await countRows(t);
    // ndrc is a real department, competent for major projects, not for talent introduction.
    const res = await send(
      t,
      'post',
      '/evaluations',
      world.header['enterprise-owner'],
      caseBody({ competentDepartment: 'ndrc' }),
    );
    expectProblem(res, 400);
    expect(errorsOf(res)).toEqual([
      { field: 'competentDepartment', reason: expect.stringContaining('one of: hrss') },
    ]);
    expect(await countRows(t)).toEqual(before);
  });

  it('answers an unknown department with 400 naming the field, also to an officer of another department', async () => {
    const res = await send(
      t,
      'post',
      '/evaluations',
      world.header['officer-competent'],
      caseBody({ competentDepartment: 'atlantis' }),
    );
    expectProblem(res, 400);
    expect(errorsOf(res)).toEqual([
      { field: 'competentDepartment', reason: '"atlantis" is not in the department catalogue' },
    ]);
  });

  it('says "required" for a missing field, once', async () => {
    const { title: _title, ...withoutTitle } = caseBody();
    const res = await send(t, 'post', '/evaluations', world.header['enterprise-owner'], withoutTitle);
    expectProblem(res, 400);
    expect(errorsOf(res)).toEqual([{ field: 'title', reason: 'required' }]);
    const key = await send(t, 'post', '/keys', world.header.admin, { name: 'no role' });
    expect(errorsOf(key)).toEqual([{ field: 'role', reason: 'required' }]);
  });

  it('answers in Chinese by Accept-Language, codes and fields unchanged', async () => {
    const { title: _title, ...withoutTitle } = caseBody();
    const res = await send(t, 'post', '/evaluations', world.header['enterprise-owner'], withoutTitle).set(
      'Accept-Language',
      'zh-CN,zh;q=0.9,en;q=0.5',
    );
    expectProblem(res, 400);
    expect(res.headers['content-language']).toBe('zh');
    expect(res.body).toMatchObject({
      code: 'request.invalid',
      type: 'urn:ipr:problem:request.invalid',
      title: '请求有误',
      errors: [{ field: 'title', reason: '必填' }],
    });
    const unknown = await send(t, 'get', '/departments', 'Bearer ipr_unknown-key-0123456789').set(
      'Accept-Language',
      'zh',
    );
    expect(unknown.body).toMatchObject({ code: 'auth.unauthenticated', title: '未认证' });
    const english = await send(t, 'get', '/departments', 'Bearer ipr_unknown-key-0123456789').set(
      'Accept-Language',
      'en',
    );
    expect(english.body).toMatchObject({
      code: 'auth.unauthenticated',
      detail: 'The API key is unknown or revoked',
    });
  });
});
