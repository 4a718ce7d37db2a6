/**
 * Issue 13 item 7: a resubmission takes an RFC 7396 merge patch of `{ facts }`
 * (Content-Type application/merge-patch+json) as well as the full facts, and the case view carries the
 * current facts. The merged facts are validated as a whole; a refused patch writes nothing.
 */
import {
  buildWorld,
  countRows,
  expectProblem,
  expectStatus,
  returnedCase,
  talentFacts,
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

const patch = (id: string, body: unknown) =>
  t.http
    .post(`/api/v1/evaluations/${id}/resubmit`)
    .set('Authorization', world.header['enterprise-owner']!)
    .set('Content-Type', 'application/merge-patch+json')
    .send(JSON.stringify(body));

describe('resubmission by merge patch', () => {
  it('changes only what the patch names; the case view shows the merged facts', async () => {
    const evaluation = await returnedCase(world);
    const before = talentFacts().facts;
    expect(evaluation.facts).toEqual(before);
    const res = await patch(evaluation.id, {
      facts: { confidentialityAgreement: !before.confidentialityAgreement, nonCompete: { signed: true } },
    });
    expectStatus(res, 200);
    expect(res.body.facts).toEqual({
      ...before,
      confidentialityAgreement: !before.confidentialityAgreement,
      nonCompete: { ...(before.nonCompete as object), signed: true },
    });
    expect(res.body.state).not.toBe('supplement');
    const read = await t.http
      .get(`/api/v1/evaluations/${evaluation.id}`)
      .set('Authorization', world.header['enterprise-owner']!);
    expect(read.body.facts).toEqual(res.body.facts);
  });

  it('validates the merged facts: removing a required fact with null is a 400 naming it, and nothing is written', async () => {
    const evaluation = await returnedCase(world);
    const rows = await countRows(t);
    const res = await patch(evaluation.id, { facts: { candidate: null } });
    expectProblem(res, 400);
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain('facts.candidate');
    expect(await countRows(t)).toEqual(rows);
  });

  it('still takes the full facts as application/json, and refuses other media types', async () => {
    const evaluation = await returnedCase(world);
    const full = await t.http
      .post(`/api/v1/evaluations/${evaluation.id}/resubmit`)
      .set('Authorization', world.header['enterprise-owner']!)
      .send({ facts: talentFacts().facts });
    expectStatus(full, 200);
    const text = await t.http
      .post(`/api/v1/evaluations/${evaluation.id}/resubmit`)
      .set('Authorization', world.header['enterprise-owner']!)
      .set('Content-Type', 'application/json-patch+json')
      .send('[]');
    expectProblem(text, 415);
  });
});
