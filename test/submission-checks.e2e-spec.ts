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
});
