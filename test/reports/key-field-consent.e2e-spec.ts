/**
 * Issue 11 item 4: a key-field report never names an applicant or shows its facts unless the applicant
 * consented on the case. The consent is part of the submission (publicationConsent, default false),
 * changeable on a resubmission and recorded in the trail; the published report lists the consenting
 * archived cases by title and applicant, and only those (HTML and PDF text alike).
 */
import {
  API,
  ApiClient,
  approvingChooser,
  expectProblem,
  expectStatus,
  pick,
  SteppingClock,
} from '../support/api-client';
import { binary, pdfPages, squeeze } from '../support/pdf-tools';
import { startTestApp, type TestApp } from '../support/test-app';
import type { EvaluationView } from '../../src/evaluations/evaluation.view';

// Whole workflows over HTTP and two PDF layouts: more room than the default 30 s on two shared cores.
jest.setTimeout(180_000);

let t: TestApp;
let api: ApiClient;

/** Each case's applicant has a name of its own, so that one appearing cannot be taken for another. */
const CONSENTING = { title: '同意公开的参展评议', applicant: '汕尾同意公开展览有限公司' };
const NEVER = { title: '未同意公开的参展评议', applicant: '汕尾从未同意贸易有限公司' };
const LATER = { title: '补正时同意公开的技术贸易评议', applicant: '汕尾补正同意科技有限公司' };
const REVOKED = { title: '补正时撤回同意的技术贸易评议', applicant: '汕尾撤回同意电子有限公司' };

async function submit(
  type: 'trade-show' | 'technology-trade',
  who: { title: string; applicant: string },
  publicationConsent?: boolean,
): Promise<{ view: EvaluationView; key: string }> {
  const body = api.submissionBody(type, 'low', { title: who.title });
  const key = await api.officer(body.competentDepartment);
  const res = await api.post('/evaluations', key, {
    ...body,
    applicant: { ...body.applicant, name: who.applicant },
    ...(publicationConsent === undefined ? {} : { publicationConsent }),
  });
  expectStatus(res, 201);
  return { view: res.body as EvaluationView, key };
}

/** Returned at intake, then resubmitted with the same facts and the consent given. */
async function resubmitWithConsent(view: EvaluationView, key: string, publicationConsent: boolean) {
  const intake = view.tasks[0];
  expectStatus(await api.complete(intake, { ...pick(intake, 'return'), comment: '请补正材料' }), 200);
  const res = await api.post(`/evaluations/${view.id}/resubmit`, key, {
    facts: view.facts,
    publicationConsent,
  });
  expectStatus(res, 200);
  return res.body as EvaluationView;
}

beforeAll(async () => {
  t = await startTestApp({ clock: new SteppingClock() });
  api = new ApiClient(t.http);
});

afterAll(async () => {
  await t?.close();
});

describe('publication consent', () => {
  it('is false unless given, refuses anything but a boolean, and changes only on a resubmission', async () => {
    const consenting = await submit('trade-show', CONSENTING, true);
    expect(consenting.view.publicationConsent).toBe(true);
    const never = await submit('trade-show', NEVER);
    expect(never.view.publicationConsent).toBe(false);
    for (const bad of [null, 'yes', 1]) {
      const body = api.submissionBody('trade-show', 'low');
      const res = await api.post('/evaluations', never.key, { ...body, publicationConsent: bad });
      expectProblem(res, 400, 'request.invalid');
      expect(res.body.errors).toEqual([
        { field: 'publicationConsent', reason: 'publicationConsent must be a boolean value' },
      ]);
    }

    const later = await submit('technology-trade', LATER, false);
    const revoked = await submit('technology-trade', REVOKED, true);
    expect((await resubmitWithConsent(later.view, later.key, true)).publicationConsent).toBe(true);
    expect((await resubmitWithConsent(revoked.view, revoked.key, false)).publicationConsent).toBe(false);

    // In the trail: given with the submission, changed with the resubmission.
    const submitted = (await api.trail(consenting.view.id)).find((e) => e.action === 'evaluation.submitted')!;
    expect(submitted.payload).toMatchObject({ publicationConsent: true });
    const resubmitted = (await api.trail(later.view.id)).filter((e) => e.action === 'workflow.transition');
    expect(resubmitted.map((e) => e.payload)).toContainEqual(
      expect.objectContaining({ publicationConsent: true }),
    );

    for (const { view } of [consenting, never, later, revoked])
      await api.driveToClosed(view.id, approvingChooser('pass'));
  });

  it('lets a key-field report name the consenting cases, and only those', async () => {
    const ipo = await api.officer('ipo');
    const commerce = await api.reviewer('commerce');
    const draft = (body: string) => ({
      field: '会展与技术贸易',
      title: '会展与技术贸易知识产权评议报告（同意公开测试）',
      body,
      competentDepartment: 'commerce',
      scope: { types: ['trade-show', 'technology-trade'] },
    });
    // The text may name a consenting applicant, not one who never consented or withdrew the consent.
    for (const refused of [NEVER, REVOKED]) {
      const created = await api.post('/key-field-reports', ipo, draft(`${refused.applicant}参展频繁。`));
      expectStatus(created, 201);
      const res = await api.post(`/key-field-reports/${created.body.id}/submit`, ipo);
      expectProblem(res, 400, 'request.invalid');
      expect(res.body.errors).toEqual([
        { field: 'body', reason: expect.stringContaining(refused.applicant) },
      ]);
    }
    const created = await api.post(
      '/key-field-reports',
      ipo,
      draft(`${CONSENTING.applicant}等企业参展频繁。`),
    );
    expectStatus(created, 201);
    const id = created.body.id as string;
    const submitted = await api.post(`/key-field-reports/${id}/submit`, ipo);
    expectStatus(submitted, 200);
    expect(submitted.body.figures.caseCount).toBe(4);
    expect(submitted.body.figures.namedCases.map((c: { applicant: string }) => c.applicant).sort()).toEqual(
      [CONSENTING.applicant, LATER.applicant].sort(),
    );
    expectStatus(await api.post(`/key-field-reports/${id}/approve`, commerce), 200);

    const html = (await t.http.get(`${API}/public/reports/${id}`)).text;
    const pdf = squeeze(
      pdfPages((await binary(t.http.get(`${API}/public/reports/${id}.pdf`))).body as Buffer).join(''),
    );
    for (const named of [CONSENTING, LATER]) {
      expect(html).toContain(named.applicant);
      expect(html).toContain(named.title);
      expect(pdf).toContain(squeeze(named.applicant));
      expect(pdf).toContain(squeeze(named.title));
    }
    for (const hidden of [NEVER, REVOKED]) {
      expect(html).not.toContain(hidden.applicant);
      expect(html).not.toContain(hidden.title);
      expect(pdf).not.toContain(squeeze(hidden.applicant));
      expect(pdf).not.toContain(squeeze(hidden.title));
    }
  });
});
