/**
 * Key-field reports through their workflow over real HTTP: drafted by the IP office, refused while the
 * text names an applicant of an evaluation in scope, reviewed and published by the competent department,
 * public without a key (list, HTML, PDF/A that verifies, Atom feed) and naming no applicant, corrected by a
 * new edition that supersedes the old, withdrawn with a notice; every step in the trail. Public routes are
 * limited by address, whatever bearer a caller makes up.
 */
import { createHash } from 'node:crypto';
import {
  API,
  ApiClient,
  approvingChooser,
  expectProblem,
  expectStatus,
  SteppingClock,
} from '../support/api-client';
import { binary, pageOnePng, pdfInfo, pdfPages, squeeze } from '../support/pdf-tools';
import { startTestApp, type TestApp } from '../support/test-app';

// Whole workflows over HTTP with several PDF layouts each: seconds on a quiet machine, far more on two
// shared cores, so more room than the default 30 s before calling it a hang.
jest.setTimeout(180_000);

describe('key-field reports', () => {
  let t: TestApp;
  let api: ApiClient;
  const applicants: { name: string; creditCode: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp({ clock: new SteppingClock() });
    api = new ApiClient(t.http);
    for (const [type, variant] of [
      ['trade-show', 'high'],
      ['technology-trade', 'low'],
      ['technology-trade', 'high'],
    ] as const) {
      const { id, view } = await api.submit(type, variant);
      await api.driveToClosed(id, approvingChooser(variant === 'high' ? 'pass-with-conditions' : 'pass'));
      applicants.push(view.applicant);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  const draftBody = (body: string) => ({
    field: '电子信息产业链',
    title: '电子信息产业链国际参展与技术贸易知识产权评议报告（2026年第一季度）',
    body,
    competentDepartment: 'commerce',
    scope: { types: ['trade-show', 'technology-trade'], closedFrom: '2026-01-01', closedTo: '2026-12-31' },
  });
  const publicGet = (path: string) => t.http.get(`${API}/public${path}`);

  it('goes from draft to published to corrected to withdrawn, in public without a key', async () => {
    const ipo = await api.officer('ipo');
    const commerce = await api.reviewer('commerce');

    // Only the IP office drafts.
    expectProblem(await api.post('/key-field-reports', await api.officer('commerce'), draftBody('x')), 403);
    const invalid = await api.post('/key-field-reports', ipo, {
      ...draftBody('x'),
      scope: { types: ['nope'] },
    });
    expectProblem(invalid, 400, 'request.invalid');
    expect(JSON.stringify(invalid.body)).toContain('scope.types');

    const naming = `本季度${applicants[0].name}等企业参展频繁。\n\n建议企业在参展前完成目的地检索。`;
    const created = await api.post('/key-field-reports', ipo, draftBody(naming));
    expectStatus(created, 201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ status: 'draft', edition: 1, figures: null });

    // The text names an applicant of a case in scope, who never consented: refused, naming the field.
    const refused = await api.post(`/key-field-reports/${id}/submit`, ipo);
    expectProblem(refused, 400, 'request.invalid');
    expect(refused.body.errors).toEqual([
      { field: 'body', reason: expect.stringContaining(applicants[0].name) },
    ]);

    const text =
      '本季度电子信息产业链企业参展与技术进出口活跃，商标和专利的境外布局仍是主要短板。\n\n建议企业在参展前完成目的地知识产权检索，并提前提交保护函。';
    expectStatus(
      await api.http
        .put(`${API}/key-field-reports/${id}`)
        .set('Authorization', `Bearer ${ipo}`)
        .send(draftBody(text)),
      200,
    );
    const submitted = await api.post(`/key-field-reports/${id}/submit`, ipo);
    expectStatus(submitted, 200);
    expect(submitted.body.status).toBe('in-review');
    expect(submitted.body.figures).toMatchObject({
      caseCount: 3,
      byType: { 'trade-show': 1, 'technology-trade': 2 },
    });
    expect(JSON.stringify(submitted.body.figures)).not.toContain(applicants[0].name);

    // The reviewing department finds it in its list; another department's list does not show it; an enterprise has none.
    const listed = async (key: string) =>
      ((await api.get('/key-field-reports', key)).body as { items: { id: string }[] }).items.map((r) => r.id);
    expect(await listed(commerce)).toEqual([id]);
    expect(await listed(await api.reviewer('customs'))).toEqual([]);
    expectProblem(await api.get('/key-field-reports', await api.enterprise(applicants[0].creditCode)), 403);

    // Under review: not public; approval only by the competent department's reviewer.
    expect((await publicGet('/reports')).body.items).toEqual([]);
    expectProblem(await publicGet(`/reports/${id}`), 404);
    expectProblem(await api.post(`/key-field-reports/${id}/approve`, ipo), 403);
    expectProblem(await api.post(`/key-field-reports/${id}/return`, commerce, {}), 400);
    const returned = await api.post(`/key-field-reports/${id}/return`, commerce, {
      reason: '请补充技术贸易部分',
    });
    expect(returned.body).toMatchObject({ status: 'draft', statusReason: '请补充技术贸易部分' });
    expectStatus(await api.post(`/key-field-reports/${id}/submit`, ipo), 200);
    const approved = await api.post(`/key-field-reports/${id}/approve`, commerce);
    expectStatus(approved, 200);
    expect(approved.body).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    expectProblem(await api.post(`/key-field-reports/${id}/approve`, commerce), 409);

    // Public, without a key: list, feed, HTML, PDF.
    const list = await publicGet('/reports');
    expectStatus(list, 200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id,
        title: draftBody('').title,
        edition: 1,
        links: { html: `${API}/public/reports/${id}`, pdf: `${API}/public/reports/${id}.pdf` },
      }),
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/createdBy|commerce|ipo/);
    const feed = await publicGet('/reports.atom');
    expectStatus(feed, 200);
    expect(feed.headers['content-type']).toMatch(/^application\/atom\+xml/);
    expect(feed.text).toContain(`<id>urn:uuid:${id}</id>`);
    expect(feed.text).toContain(draftBody('').title);
    const html = await publicGet(`/reports/${id}`);
    expectStatus(html, 200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.text).toContain('电子信息产业链');
    const pdfRes = await binary(publicGet(`/reports/${id}.pdf`));
    expectStatus(pdfRes, 200);
    const pdf = pdfRes.body as Buffer;
    expect(pdfInfo(pdf).xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    const pdfText = squeeze(pdfPages(pdf).join(''));
    expect(pdfText).toContain(squeeze('商标和专利的境外布局仍是主要短板'));
    for (const a of applicants) {
      expect(pdfText).not.toContain(squeeze(a.name));
      expect(pdfText).not.toContain(a.creditCode);
      expect(html.text).not.toContain(a.name);
      expect(html.text).not.toContain(a.creditCode);
    }
    pageOnePng(pdf, 'key-field-report');
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const verified = await api.get(`/reports/verify?sha256=${sha256}`, await api.auditor());
    expect(verified.body).toMatchObject({
      verified: true,
      report: { kind: 'key-field', subjectId: id, reportVersion: 1 },
    });

    // A corrected edition supersedes the first.
    const revised = await api.post(`/key-field-reports/${id}/revise`, ipo);
    expectStatus(revised, 201);
    const second = revised.body.id as string;
    expect(revised.body).toMatchObject({ status: 'draft', edition: 2, supersedesId: id, seriesId: id });
    expectProblem(await api.post(`/key-field-reports/${id}/revise`, ipo), 409);
    expectStatus(await api.post(`/key-field-reports/${second}/submit`, ipo), 200);
    expectStatus(await api.post(`/key-field-reports/${second}/approve`, commerce), 200);
    expect((await api.get(`/key-field-reports/${id}`, ipo)).body).toMatchObject({
      status: 'superseded',
      supersededById: second,
    });
    expect((await publicGet('/reports')).body.items.map((i: { id: string }) => i.id)).toEqual([second]);
    expect((await publicGet(`/reports/${id}`)).text).toContain(`/api/v1/public/reports/${second}`);
    expect(
      squeeze(pdfPages((await binary(publicGet(`/reports/${second}.pdf`))).body as Buffer).join('')),
    ).toContain(squeeze('本版为更正版本，取代第 1 版'));

    // Withdrawn: gone from the list, a notice with the reason, 410 at its address, a notice in the feed.
    expectProblem(await api.post(`/key-field-reports/${second}/withdraw`, commerce, { reason: 'x' }), 403);
    const withdrawn = await api.post(`/key-field-reports/${second}/withdraw`, ipo, {
      reason: '统计口径有误，待更正后重新发布',
    });
    expect(withdrawn.body).toMatchObject({
      status: 'withdrawn',
      statusReason: '统计口径有误，待更正后重新发布',
    });
    const after = await publicGet('/reports');
    expect(after.body.items).toEqual([]);
    expect(after.body.notices).toEqual([
      {
        id: second,
        title: draftBody('').title,
        withdrawnAt: expect.any(String),
        reason: '统计口径有误，待更正后重新发布',
      },
    ]);
    const gone = await publicGet(`/reports/${second}`);
    expect(gone.status).toBe(410);
    expect(gone.text).toContain('统计口径有误，待更正后重新发布');
    expect((await publicGet('/reports.atom')).text).toContain('已撤回 Withdrawn');

    // Every step in the trail.
    const auditor = await api.auditor();
    const steps: string[] = [];
    for (const action of [
      'drafted',
      'edited',
      'submitted',
      'returned',
      'published',
      'superseded',
      'withdrawn',
    ]) {
      const res = await api.get(`/audit/events?action=key-field-report.${action}`, auditor);
      expectStatus(res, 200);
      if (res.body.items.length > 0) steps.push(action);
    }
    expect(steps).toEqual([
      'drafted',
      'edited',
      'submitted',
      'returned',
      'published',
      'superseded',
      'withdrawn',
    ]);
  });

  it('answers bad public addresses with problem+json and reveals nothing', async () => {
    expectProblem(await publicGet('/reports/not-a-uuid'), 400, 'request.invalid');
    expectProblem(await publicGet('/reports/00000000-0000-4000-8000-000000000000.pdf'), 404);
    expectProblem(await publicGet('/reports?pageSize=1000'), 400, 'request.invalid');
  });
});

describe('public reports are limited by address', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { IPR_RATE_LIMIT_PER_MINUTE: '3' } });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('counts every request from one address, whatever bearer it makes up', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await t.http
        .get(`${API}/public/reports`)
        .set('Authorization', `Bearer made-up-${i}-0123456789`);
      expectStatus(res, 200);
    }
    const limited = await t.http
      .get(`${API}/public/reports`)
      .set('Authorization', 'Bearer made-up-9-0123456789');
    expect(limited.status).toBe(429);
  });
});
