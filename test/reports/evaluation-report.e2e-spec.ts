/**
 * The evaluation report of a closed case of each type, over real HTTP on the real database: a PDF/A with
 * embedded, subset fonts and extractable Chinese text that names the applicant, every finding's basis and
 * every department's opinion; byte-identical when issued twice; its hash in the case's trail and verifiable
 * by hash and by the file; a changed byte does not verify. Also the HTML and English versions, the interim
 * mark on an open case, the assessment report, and the refusals.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { ACTIVITY_TYPES } from '../support/activity-types';
import type { EvaluationView } from '../../src/evaluations/evaluation.view';
import {
  API,
  ApiClient,
  approvingChooser,
  expectProblem,
  expectStatus,
  SteppingClock,
} from '../support/api-client';
import { factFixture, REPO_ROOT } from '../support/fact-fixtures';
import { binary, pageOnePng, pdfFonts, pdfInfo, pdfPages, squeeze } from '../support/pdf-tools';
import { startTestApp, type TestApp } from '../support/test-app';

/** The department catalogue as the files give it: the report must name each department by these names. */
const DEPARTMENTS = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'rules', 'departments.json'), 'utf8')) as {
    departments: { code: string; zh: string }[];
  }
).departments;

// Whole workflows over HTTP with several PDF layouts each: seconds on a quiet machine, far more on two
// shared cores, so more room than the default 30 s before calling it a hang.
jest.setTimeout(180_000);

describe('evaluation reports', () => {
  let t: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    t = await startTestApp({ clock: new SteppingClock() });
    api = new ApiClient(t.http);
  });

  afterAll(async () => {
    await t?.close();
  });

  const report = async (path: string, key: string) => {
    const res = await binary(api.get(path, key));
    return res;
  };

  describe.each(ACTIVITY_TYPES)('a closed %s case', (type) => {
    let closed: EvaluationView;
    let pdf: Buffer;

    beforeAll(async () => {
      const { id } = await api.submit(type, 'high');
      closed = (await api.driveToClosed(id, approvingChooser('pass-with-conditions'))).evaluation;
      const res = await report(`/evaluations/${id}/report`, await api.auditor());
      expectStatus(res, 200);
      expect(res.headers['content-type']).toBe('application/pdf');
      pdf = res.body as Buffer;
    });

    it('is a PDF/A-2u with embedded, subset fonts and dates taken from the case', () => {
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const { fields, xmp } = pdfInfo(pdf);
      expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
      expect(xmp).toContain('<pdfaid:conformance>U</pdfaid:conformance>');
      expect(fields.Title).toBe('知识产权分析评议报告');
      expect(Number(fields.Pages)).toBeGreaterThanOrEqual(3);
      const fonts = pdfFonts(pdf);
      expect(fonts.length).toBeGreaterThan(0);
      expect(fonts.every((f) => f.emb && f.sub && f.uni && /NotoSansSC/.test(f.name))).toBe(true);
      expect(xmp).toContain(`<xmp:CreateDate>${closed.updatedAt.slice(0, 19)}Z</xmp:CreateDate>`);
    });

    it('names the applicant, every finding basis and every department opinion', async () => {
      const text = squeeze(pdfPages(pdf).join('\n'));
      expect(text).toContain(squeeze('知识产权分析评议报告'));
      expect(text).toContain(squeeze(closed.title));
      expect(text).toContain(squeeze(closed.applicant.name));
      expect(text).toContain(closed.applicant.creditCode);
      for (const heading of [
        '一、评议对象与目的',
        '三、基本事实',
        '七、审查过程与意见',
        '九、局限性说明',
        '附：可追溯信息',
      ])
        expect(text).toContain(heading);
      expect(closed.decision.findings.length).toBeGreaterThan(0);
      for (const finding of [...closed.decision.findings, ...closed.decision.hardStops]) {
        expect(text).toContain(squeeze(finding.basis));
        expect(text).toContain(squeeze(finding.reason.zh));
      }
      const names = new Map<string, string>(DEPARTMENTS.map((d) => [d.code, d.zh]));
      const done = (closed.history ?? []).filter((task) => task.status === 'done');
      expect(done.length).toBeGreaterThan(2);
      for (const task of done) expect(text).toContain(squeeze(names.get(task.department)!));
      expect(text).toContain(squeeze(closed.conditions[0]));
      expect(text).toContain('有条件通过');
      expect(text).not.toContain('中期报告');
      // the fixtures send no evaluation basis: the report says there was no search to state
      expect(text).toContain(squeeze('申请人未提供检索的范围和截止日期'));
      pageOnePng(pdf, `evaluation-${type}`);
    });

    it('is byte-identical when issued again, and issued once in the trail', async () => {
      const again = await report(
        `/evaluations/${closed.id}/report`,
        await api.officer(closed.competentDepartment),
      );
      expectStatus(again, 200);
      expect(Buffer.compare(again.body as Buffer, pdf)).toBe(0);
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      expect(again.headers['x-report-sha256']).toBe(sha256);
      const issued = (await api.trail(closed.id)).filter((e) => e.action === 'report.issued');
      expect(issued).toHaveLength(1);
      expect(issued[0].payload).toMatchObject({
        sha256,
        kind: 'evaluation',
        reportVersion: closed.version,
        lang: 'zh',
        interim: false,
      });
    });

    it('verifies by hash and by the file; a changed byte does not', async () => {
      const key = await api.enterprise(closed.applicant.creditCode);
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      const byHash = await api.get(`/reports/verify?sha256=${sha256}`, key);
      expectStatus(byHash, 200);
      const issued = (await api.trail(closed.id)).find((e) => e.action === 'report.issued')!;
      expect(byHash.body).toEqual({
        sha256,
        verified: true,
        report: {
          kind: 'evaluation',
          subjectId: closed.id,
          reportVersion: closed.version,
          lang: 'zh',
          interim: false,
          issuedAt: expect.any(String),
        },
        chain: { seq: issued.seq, hash: issued.hash, prevHash: issued.prevHash },
      });
      const byFile = await t.http
        .post(`${API}/reports/verify`)
        .set('Authorization', `Bearer ${key}`)
        .set('Content-Type', 'application/pdf')
        .send(pdf);
      expectStatus(byFile, 200);
      expect(byFile.body).toMatchObject({ sha256, verified: true });
      const changed = Buffer.from(pdf);
      changed[Math.floor(changed.length / 2)] ^= 0x01;
      const tampered = await t.http
        .post(`${API}/reports/verify`)
        .set('Authorization', `Bearer ${key}`)
        .set('Content-Type', 'application/pdf')
        .send(changed);
      expectStatus(tampered, 200);
      expect(tampered.body).toEqual({
        sha256: createHash('sha256').update(changed).digest('hex'),
        verified: false,
      });
    });
  });

  it('gives HTML and English versions, and marks an open case interim on every page', async () => {
    const { id, key } = await api.submit('trade-show', 'low');
    const html = await api.get(`/evaluations/${id}/report`, key).set('Accept', 'text/html');
    expectStatus(html, 200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.text).toContain('中期报告 · 案件尚未办结');
    expect(html.text).toContain('<svg');
    const en = await binary(api.get(`/evaluations/${id}/report?lang=en`, key));
    expectStatus(en, 200);
    const pages = pdfPages(en.body as Buffer);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) expect(page).toContain('INTERIM');
    expect(squeeze(pages.join(''))).toContain(squeeze('IP Analysis and Evaluation Report'));
    const zh = await binary(api.get(`/evaluations/${id}/report?format=pdf`, key));
    for (const page of pdfPages(zh.body as Buffer)) expect(squeeze(page)).toContain('中期报告');
    const issued = (await api.trail(id)).filter((e) => e.action === 'report.issued');
    expect(issued.map((e) => e.payload.interim)).toEqual([true, true]);
  });

  it("states the evaluation basis: search and rights in 2, the applicant's limitations in 9, the evaluator on the cover and in 7", async () => {
    const body = api.submissionBody('technology-trade', 'high', { title: 'evaluation basis e2e' });
    const evaluationBasis = {
      search: {
        scope: 'CN、US、EP 专利文献，IPC H01M 10/0525',
        cutOffDate: '2026-01-31',
        performedBy: '广州明德专利代理事务所',
      },
      rightsExamined: [
        {
          kind: 'invention-patent',
          number: 'CN114000001B',
          holder: '深圳固锂电池有限公司',
          jurisdiction: 'CN',
          legalStatus: 'invalidation-pending',
          statusCheckedOn: '2026-02-10',
        },
        { kind: 'patent-application', number: 'US20250123456A1', legalStatus: 'pending' },
      ],
      limitations: '未检索韩国和日本专利文献，未审查外观设计。',
      evaluator: {
        organisation: '广东省知识产权保护中心',
        person: '李明',
        qualification: '专利代理师资格证',
      },
    };
    const made = await api.post('/evaluations', await api.officer(body.competentDepartment), {
      ...body,
      facts: { ...body.facts, evaluationBasis },
    });
    expectStatus(made, 201);
    expect((made.body as EvaluationView).decision.evaluationBasis).toEqual(evaluationBasis);
    const zh = await binary(api.get(`/evaluations/${made.body.id}/report`, await api.auditor()));
    expectStatus(zh, 200);
    pageOnePng(zh.body as Buffer, 'evaluation-basis');
    writeFileSync('/tmp/b-evaluation-basis.pdf', zh.body as Buffer);
    const pages = pdfPages(zh.body as Buffer).map(squeeze);
    const text = pages.join('');
    // the facts in 3 list the same fields: each part is looked for in its own section
    const section = (from: string, to: string) => text.slice(text.indexOf(from), text.indexOf(to));
    const scope = section('二、评议依据与范围', '三、基本事实');
    for (const part of [
      '检索范围',
      evaluationBasis.search.scope,
      '检索截止日',
      '2026-01-31',
      '广州明德专利代理事务所',
      'CN114000001B',
      '无效宣告审查中（2026-02-10）',
      '深圳固锂电池有限公司',
      'US20250123456A1',
      '审查中',
    ])
      expect({ part, found: scope.includes(squeeze(part)) }).toEqual({ part, found: true });
    expect(scope).not.toContain(squeeze('申请人未提供检索'));
    // 三 lists the facts, but not the evaluation basis a second time
    expect(section('三、基本事实', '四、风险分析')).not.toContain(squeeze('评议依据与评议人'));
    expect(section('九、局限性说明', '附：可追溯信息')).toContain(
      squeeze(`申请人的局限性说明${evaluationBasis.limitations}`),
    );
    const evaluator = squeeze('广东省知识产权保护中心 · 李明（专利代理师资格证）');
    expect(pages[0]).toContain(squeeze('评议人') + evaluator);
    expect(section('七、审查过程与意见', '八、结论')).toContain(evaluator);
    const en = await binary(api.get(`/evaluations/${made.body.id}/report?lang=en`, await api.auditor()));
    const english = squeeze(pdfPages(en.body as Buffer).join(''));
    const enScope = english.slice(
      english.indexOf(squeeze('2. Bases and scope')),
      english.indexOf(squeeze('3. Facts')),
    );
    for (const part of [
      'Search scope',
      'Search cut-off date',
      'Rights examined',
      'Invention patent',
      'Invalidation pending (2026-02-10)',
    ])
      expect({ part, found: enScope.includes(squeeze(part)) }).toEqual({ part, found: true });
    expect(english).toContain(squeeze("The applicant's limitations statement"));
  });

  it('gives an assessment its report', async () => {
    const { applicant, ...facts } = factFixture('technology-trade.high');
    const officer = await api.officer('commerce');
    const made = await api.post('/assessments', officer, { type: 'technology-trade', applicant, facts });
    expectStatus(made, 201);
    const res = await binary(api.get(`/assessments/${made.body.id}/report`, officer));
    expectStatus(res, 200);
    const pdf = res.body as Buffer;
    expect(pdfInfo(pdf).xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    const text = squeeze(pdfPages(pdf).join(''));
    expect(text).toContain('知识产权风险评估报告');
    expect(text).toContain(squeeze(applicant.name));
    for (const finding of made.body.decision.findings) expect(text).toContain(squeeze(finding.basis));
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const verified = await api.get(`/reports/verify?sha256=${sha256}`, officer);
    expect(verified.body).toMatchObject({
      verified: true,
      report: { kind: 'assessment', subjectId: made.body.id },
    });
    expect(existsSync(pageOnePng(pdf, 'assessment'))).toBe(true);
  });

  it('refuses what it must, with problem+json', async () => {
    const { id } = await api.submit('major-project', 'low');
    const stranger = await api.enterprise('91440300MA5F3QW28M');
    expectProblem(await api.get(`/evaluations/${id}/report`, stranger), 403, 'auth.forbidden');
    expectProblem(await t.http.get(`${API}/evaluations/${id}/report`), 401);
    expectProblem(await api.get(`/evaluations/not-a-uuid/report`, stranger), 400, 'request.invalid');
    const badLang = await api.get(`/evaluations/${id}/report?lang=fr`, await api.auditor());
    expectProblem(badLang, 400, 'request.invalid');
    expect(JSON.stringify(badLang.body)).toContain('lang');
    const badHash = await api.get('/reports/verify?sha256=xyz', stranger);
    expectProblem(badHash, 400, 'request.invalid');
    expect(JSON.stringify(badHash.body)).toContain('sha256');
    const empty = await t.http.post(`${API}/reports/verify`).set('Authorization', `Bearer ${stranger}`);
    expectProblem(empty, 400, 'request.invalid');
    const text = await t.http
      .post(`${API}/reports/verify`)
      .set('Authorization', `Bearer ${stranger}`)
      .set('Content-Type', 'text/plain')
      .send('hello');
    expect(text.status).toBe(415);
    expectProblem(
      await api.get(`/evaluations/00000000-0000-4000-8000-000000000000/report`, await api.auditor()),
      404,
    );
  });
});
