/**
 * Issue 13 item 2: NUL and other control characters, lone surrogates and loosely written numbers are refused
 * with a 400 that names the field, the same on SQLite and PostgreSQL (PostgreSQL answered 500 to a NUL and to
 * ?from=1e20), and nothing is written.
 */
import {
  buildWorld,
  caseBody,
  countRows,
  expectProblem,
  onlyOpenTask,
  send,
  submitCase,
  type World,
} from './support/authz-world';
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

function expectField(res: { body: { errors?: { field: string; reason: string }[] } }, field: string) {
  expect(res.body.errors?.map((e) => e.field)).toContain(field);
}

describe('control characters and lone surrogates', () => {
  const NUL = 'a\u0000b';
  const LONE = 'title \ud800 here';

  it.each([
    ['key name with NUL', 'admin', '/keys', { role: 'auditor', name: NUL }, 'name'],
    ['key name with ESC', 'admin', '/keys', { role: 'auditor', name: 'x\u001by' }, 'name'],
    ['title with NUL', 'enterprise-owner', '/evaluations', { ...caseBody(), title: NUL }, 'title'],
    [
      'title with a lone surrogate',
      'enterprise-owner',
      '/evaluations',
      { ...caseBody(), title: LONE },
      'title',
    ],
    [
      'applicant name with a lone low surrogate',
      'enterprise-owner',
      '/evaluations',
      { ...caseBody(), applicant: { ...caseBody().applicant, name: 'x\udc00' } },
      'applicant.name',
    ],
  ] as const)(
    'refuses a %s with 400 naming the field, writing nothing',
    async (_label, persona, path, body, field) => {
      const before = await countRows(t);
      const res = await send(t, 'post', path, world.header[persona], body);
      expectProblem(res, 400);
      expectField(res, field);
      expect(await countRows(t)).toEqual(before);
    },
  );

  it('refuses a task comment with NUL', async () => {
    const evaluation = await submitCase(world);
    const task = onlyOpenTask(evaluation);
    const before = await countRows(t);
    const res = await send(t, 'post', `/tasks/${task.id}/complete`, world.header['reviewer-task-dept'], {
      outcome: 'accept',
      comment: NUL,
    });
    expectProblem(res, 400);
    expectField(res, 'comment');
    expect(await countRows(t)).toEqual(before);
  });

  it('keeps tab, line feed and carriage return, which comments need', async () => {
    const evaluation = await submitCase(world);
    const res = await send(
      t,
      'post',
      `/tasks/${onlyOpenTask(evaluation).id}/complete`,
      world.header['reviewer-task-dept'],
      {
        outcome: 'accept',
        comment: '第一行\r\n第二行\t完',
      },
    );
    expect(res.status).toBe(200);
  });

  it.each([
    ['/evaluations?state=a%00b', 'officer-competent', 'state'],
    ['/audit/events?actorId=a%00b', 'auditor', 'actorId'],
    ['/audit/events?department=ip%00o', 'auditor', 'department'],
    ['/audit/events?action=task%00', 'auditor', 'action'],
    ['/evaluations?state=%1F', 'officer-competent', 'state'],
  ] as const)('refuses GET %s with 400 naming the parameter', async (path, persona, field) => {
    const res = await send(t, 'get', path, world.header[persona]);
    expectProblem(res, 400);
    expectField(res, field);
  });
});

describe('numeric query parameters', () => {
  it.each([
    ['/audit/export?from=1e20', 'from'],
    ['/audit/export?to=99999999999', 'to'],
    ['/audit/export?from=0x10', 'from'],
    ['/audit/export?from=%201', 'from'],
    ['/audit/export?from=1e-400', 'from'],
    ['/audit/export?from=-1', 'from'],
    ['/audit/export?from=1.5', 'from'],
    ['/audit/events?page=0x10', 'page'],
    ['/audit/events?pageSize=1e1', 'pageSize'],
    ['/audit/verify?seq=1e20', 'seq'],
    ['/evaluations?page=%201', 'page'],
    ['/evaluations?pageSize=+5', 'pageSize'],
    ['/notifications?page=1e20', 'page'],
  ])('refuses GET %s with 400 naming %s', async (path, field) => {
    const persona = path.startsWith('/evaluations') ? 'officer-competent' : 'auditor';
    const res = await send(t, 'get', path, world.header[persona]);
    expectProblem(res, 400);
    expectField(res, field);
  });

  it('accepts plain decimal numbers', async () => {
    expect((await send(t, 'get', '/audit/events?page=1&pageSize=10', world.header.auditor)).status).toBe(200);
    expect(
      (await send(t, 'get', '/evaluations?page=2&pageSize=5', world.header['officer-competent'])).status,
    ).toBe(200);
    expect((await send(t, 'get', '/audit/export?from=1&to=2147483647', world.header.auditor)).status).toBe(
      200,
    );
  });
});
