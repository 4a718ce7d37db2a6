/// <reference lib="dom" />
/**
 * Every role does its job through the console in a real Chromium, on the database the suite runs on:
 * the administrator issues the keys, an enterprise assesses (and reruns and compares) and submits a case,
 * an officer resubmits after a return, reviewers work their inbox from intake to archive, an auditor
 * verifies the chain and replays a case. Every page is checked with axe-core and photographed at 1280
 * and 390 px; no request may leave the service.
 */
import { existsSync } from 'node:fs';
import { factFixture } from '../support/fact-fixtures';
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/test-app';
import { BrowserSession, CHROMIUM } from './browser-session';

const describeWithChromium = existsSync(CHROMIUM) ? describe : describe.skip;
jest.setTimeout(120_000);

const ENTERPRISE_CASE = '引进数控伺服控制工程师';
const OFFICER_CASE = '人社局引进电池材料研究员';

describeWithChromium('the console in Chromium, one role after another', () => {
  let app: TestApp;
  let b: BrowserSession;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp();
    b = await BrowserSession.start(app);
  });

  afterAll(async () => {
    await b?.close();
    await app?.close();
  });

  const fixture = factFixture('talent-introduction.low');
  const { applicant, ...facts } = fixture;

  it('the administrator signs in and issues a key per person, each secret shown once', async () => {
    await b.goto('/');
    expect(new URL(b.page.url()).pathname).toBe('/sign-in');
    await b.check('sign-in');
    await b.signIn(TEST_ADMIN_KEY);
    expect(new URL(b.page.url()).pathname).toBe('/admin/keys');
    const people: [string, Record<string, string>][] = [
      ['enterprise', { role: 'enterprise', name: '海丰精密机械', creditCode: applicant.creditCode }],
      ['officer', { role: 'officer', name: '人社局 李', department: 'hrss' }],
      ['ipo', { role: 'reviewer', name: '知识产权局 陈', department: 'ipo' }],
      ['hrss', { role: 'reviewer', name: '人社局 王', department: 'hrss' }],
      ['auditor', { role: 'auditor', name: '审计 赵' }],
    ];
    for (const [who, fields] of people) {
      await b.page.selectOption('#f-role', fields.role);
      await b.page.fill('#f-name', fields.name);
      await b.page.selectOption('#f-department', fields.department ?? '');
      await b.page.fill('#f-creditCode', fields.creditCode ?? '');
      await b.submitForm('main form.card');
      keys[who] = (await b.page.textContent('#new-secret'))!.trim();
      expect(keys[who]).toMatch(/^ipr_/);
    }
    await b.check('admin-keys');
    await b.goto('/admin/keys');
    expect(await b.page.$('#new-secret')).toBeNull(); // shown once: not on the next view
    await b.goto('/admin/definitions');
    expect(await b.page.textContent('main')).toMatch(/[0-9a-f]{64}/);
    await b.check('admin-definitions');
  });

  it('an enterprise assesses, sees its errors at the field, reruns with changed facts and compares', async () => {
    await b.signIn(keys.enterprise);
    await b.goto('/assess/talent-introduction');
    await b.fillFacts(applicant, 'applicant');
    await b.fillFacts(facts, 'facts');
    await b.page.fill('[name="applicant.creditCode"]', '91441500MA4W3K2QX0'); // wrong check character
    await b.submitForm();
    // in the page's language: the API's Chinese reason, naming the field
    expect(await b.page.textContent('#f-applicant-creditCode-error')).toMatch(/creditCode 须为/);
    expect(await b.page.getAttribute('[name="applicant.creditCode"]', 'aria-invalid')).toBe('true');
    await b.check('assess-form-errors');
    await b.page.fill('[name="applicant.creditCode"]', applicant.creditCode);
    await b.submitForm();
    expect(new URL(b.page.url()).pathname).toMatch(/^\/my-assessments\/[0-9a-f-]{36}$/);
    await b.check('assessment');
    await Promise.all([b.page.waitForNavigation(), b.page.click('a[href*="?from="]')]);
    // The rerun form starts from the earlier facts.
    expect(await b.page.inputValue('[name="facts.candidate.name"]')).toBe('陈立新');
    await b.page.fill('[name="facts.applicationsSinceDeparture"]', '3');
    await b.page.check('[name="facts.plannedWorkOverlapsFormerDuties"][value="true"]');
    await b.submitForm();
    expect(new URL(b.page.url()).pathname).toMatch(/\/compare\//);
    const compared = await b.page.textContent('main');
    expect(compared).toContain('离职后提出、署名该人才且与原职务相关的专利申请数');
    expect(compared).toMatch(/talent\.planned-work-overlaps-former-duties:\s*未触发\s*→\s*触发/);
    const changedFacts = await b.page.textContent('section[aria-labelledby=changed] table');
    expect(changedFacts).toMatch(/否\s*是/); // the changed yes-or-no fact, in words
    expect(changedFacts).not.toMatch(/\bfalse\b|\btrue\b/);
    await b.check('assessment-compare');
    await b.goto('/my-assessments');
    expect(await b.page.locator('main tbody tr').count()).toBe(2);
    await b.check('my-assessments');
  });

  it('the enterprise submits its case through the generated form', async () => {
    await b.goto('/submit/talent-introduction');
    await b.page.fill('#f-title', ENTERPRISE_CASE);
    await b.page.selectOption('#f-competentDepartment', 'hrss');
    await b.fillFacts(applicant, 'applicant');
    await b.fillFacts(facts, 'facts');
    // No consent unless the applicant chooses it (the key-field report below must not name this applicant).
    expect(await b.page.isChecked('#f-publicationConsent')).toBe(false);
    await b.check('submit-form');
    await b.submitForm();
    expect(new URL(b.page.url()).pathname).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
    expect(await b.page.textContent('h1')).toBe(ENTERPRISE_CASE);
    expect(await b.page.textContent('#publication-consent')).toBe('否');
    expect(await b.page.$('#task-form')).toBeNull(); // an applicant never decides
    await b.goto('/cases');
    expect(await b.page.textContent('main')).toContain(ENTERPRISE_CASE);
    await b.check('my-cases');
  });

  it('an officer submits, intake returns it, the officer resubmits with the facts pre-filled', async () => {
    await b.signIn(keys.officer);
    await b.goto('/submit/talent-introduction');
    await b.page.fill('#f-title', OFFICER_CASE);
    expect(await b.page.inputValue('#f-competentDepartment')).toBe('hrss');
    await b.fillFacts(applicant, 'applicant');
    await b.fillFacts(facts, 'facts');
    await b.submitForm();
    const caseUrl = b.page.url();

    await b.signIn(keys.ipo);
    await openFromInbox(OFFICER_CASE);
    await b.page.check('input[name=outcome][value=return]');
    await b.submitForm('#task-form'); // no comment: the API's refusal shows at the comment field
    expect(await b.page.textContent('#f-comment-error')).toContain('退回须一次性列明需补正的全部内容');
    await b.check('task-form-error');
    await b.page.check('input[name=outcome][value=return]');
    await b.page.fill('#f-comment', '请补充原单位出具的离职证明');
    await b.submitForm('#task-form');

    await b.signIn(keys.officer);
    await b.page.goto(caseUrl);
    await Promise.all([b.page.waitForNavigation(), b.page.click(`a[href$="/resubmit"]`)]);
    expect(await b.page.inputValue('[name="facts.formerEmployer.name"]')).toBe('东莞某自动化设备有限公司');
    await b.check('resubmit-form');
    await b.page.fill('[name="facts.candidate.field"]', '数控机床伺服控制与运动控制');
    await b.submitForm();
    expect(b.page.url()).toBe(caseUrl);
    expect(await b.page.textContent('main')).toContain('数控机床伺服控制与运动控制');
    await b.goto('/dashboard');
    expect(await b.page.locator('main svg').count()).toBeGreaterThan(0);
    await b.check('dashboard');
  });

  it('reviewers work the inbox from intake through countersign and decision to the archive, by keyboard first', async () => {
    await b.signIn(keys.ipo);
    await b.check('inbox');
    await openFromInbox(ENTERPRISE_CASE);
    await b.check('case-task');
    // Keyboard only: choose the outcome, write the comment, send.
    await b.page.locator('input[name=outcome][value=accept]').focus();
    await b.page.keyboard.press('Space');
    expect(await b.page.isChecked('input[name=outcome][value=accept]')).toBe(true);
    await b.page.keyboard.press('Tab');
    expect(await b.page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('comment');
    await b.page.keyboard.type('材料齐全，予以受理');
    await b.page.keyboard.press('Tab');
    expect(await b.page.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON');
    await Promise.all([b.page.waitForNavigation(), b.page.keyboard.press('Enter')]);
    expect(await b.page.textContent('[role=status]')).toContain('受理');

    // Then whoever holds the next task answers it, until the case is archived.
    for (let round = 0; round < 8 && !(await archived()); round++) {
      for (const who of ['ipo', 'hrss']) {
        await b.signIn(keys[who]);
        while (await openFromInbox(ENTERPRISE_CASE, false)) await answerTask();
      }
    }
    expect(await archived()).toBe(true);
    await b.signIn(keys.hrss);
    await b.goto('/inbox?status=done');
    expect(await b.page.textContent('main')).toContain(ENTERPRISE_CASE);
    await b.check('inbox-done');
  });

  it('an auditor verifies the chain, sees the signed head, filters the timeline, exports and replays', async () => {
    await b.signIn(keys.auditor);
    await b.goto('/auditor');
    await Promise.all([b.page.waitForNavigation(), b.page.click('main form[action="/auditor"] button')]);
    expect(await b.page.textContent('[role=status]')).toContain('审计链完整');
    expect(await b.page.textContent('main')).toContain('Ed25519');
    await b.check('auditor');
    await b.page.fill('#f-action', 'task.completed');
    await Promise.all([b.page.waitForNavigation(), b.page.click('form[role=search] button')]);
    const actions = await b.page.locator('main tbody td:nth-child(4) code').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(['task.completed']));
    const exported = await b.page.request.get(`${b.base}/auditor/export`);
    expect(exported.status()).toBe(200);
    expect(JSON.parse((await exported.text()).split('\n')[0]).format).toBe('ipr-audit-export/2');
    await b.goto('/cases');
    await Promise.all([b.page.waitForNavigation(), b.page.click(`a:text("${ENTERPRISE_CASE}")`)]);
    await b.check('case-archived');
    await Promise.all([b.page.waitForNavigation(), b.page.click('form[action$="/replay"] button')]);
    expect(await b.page.textContent('[role=status]')).toContain('一致');
    await b.check('replay');
  });

  it('English is one click away and stays chosen', async () => {
    await b.goto('/cases');
    await Promise.all([b.page.waitForNavigation(), b.page.click('a[href^="/lang?to=en"]')]);
    expect(await b.page.getAttribute('html', 'lang')).toBe('en');
    await b.goto('/auditor');
    expect(await b.page.textContent('h1')).toBe('Audit');
    await b.check('auditor-en');
    await Promise.all([b.page.waitForNavigation(), b.page.click('a[href^="/lang?to=zh"]')]);
    expect(await b.page.getAttribute('html', 'lang')).toBe('zh-CN');
  });

  it('the IP office drafts a key-field report, the reviewing department returns and approves it, it is corrected and withdrawn', async () => {
    const KEY_FIELD = '数控装备人才引进';
    await b.signIn(keys.ipo);
    await b.goto('/key-fields');
    await b.check('key-fields');
    await Promise.all([b.page.waitForNavigation(), b.page.click('a[href="/key-fields/new"]')]);
    await b.page.fill('#f-field', KEY_FIELD);
    await b.page.fill('#f-title', `${KEY_FIELD}知识产权评议报告（2026）`);
    // The text names the applicant of a case in scope, who never consented: submitting is refused at the field.
    await b.page.fill('#f-body', `本报告统计${applicant.name}等单位的人才引进评议。`);
    await b.page.selectOption('#f-competentDepartment', 'hrss');
    await b.page.check('input[name=types][value="talent-introduction"]');
    await b.check('key-field-new');
    await b.submitForm('#draft-form');
    expect(new URL(b.page.url()).pathname).toMatch(/^\/key-fields\/[0-9a-f-]{36}$/);
    const reportUrl = b.page.url();
    expect(await b.page.textContent('#summary + dl')).toContain('草稿');
    await submitStep('submit');
    expect(await b.page.textContent('#f-body-error')).toContain(applicant.name);
    expect(await b.page.getAttribute('#f-body', 'aria-invalid')).toBe('true');
    await b.check('key-field-refused');
    await b.page.fill(
      '#f-body',
      '本报告统计本市数控装备领域已办结的人才引进评议案件。\n\n主要风险集中在原单位职务发明权属。',
    );
    await b.submitForm('#draft-form');
    await submitStep('submit');
    expect(await b.page.textContent('#summary + dl')).toContain('待审核');
    expect(await b.page.$('form[action$="/approve"]')).toBeNull(); // the drafters never approve their own

    await b.signIn(keys.hrss);
    await b.goto('/key-fields');
    await Promise.all([
      b.page.waitForNavigation(),
      b.page.click(`main tbody a[href="${new URL(reportUrl).pathname}"]`),
    ]);
    expect(await b.page.textContent('#figures + dl')).toContain('人才');
    await b.check('key-field-review');
    await b.page.fill('#return-reason', '请补充各环节办理时长的分析');
    await b.submitForm('#return-form');
    expect(await b.page.textContent('#summary + dl')).toContain('请补充各环节办理时长的分析');

    await b.signIn(keys.ipo);
    await b.page.goto(reportUrl);
    await b.page.fill(
      '#f-body',
      '本报告统计本市数控装备领域已办结的人才引进评议案件。\n\n各环节均在时限内办结。',
    );
    await b.submitForm('#draft-form');
    await submitStep('submit');
    await b.signIn(keys.hrss);
    await b.page.goto(reportUrl);
    await submitStep('approve');
    expect(await b.page.textContent('#summary + dl')).toContain('已发布');
    await b.check('key-field-published');
    const publicList = await b.page.request.get(`${b.base}/api/v1/public/reports`);
    expect(JSON.stringify(await publicList.json())).toContain(KEY_FIELD);

    // A corrected edition supersedes the first once approved; then the IP office withdraws it with a reason.
    await b.signIn(keys.ipo);
    await b.page.goto(reportUrl);
    await submitStep('revise');
    expect(b.page.url()).not.toBe(reportUrl);
    const correctedUrl = b.page.url();
    await submitStep('submit');
    await b.signIn(keys.hrss);
    await b.page.goto(correctedUrl);
    await submitStep('approve');
    await b.page.goto(reportUrl);
    expect(await b.page.textContent('#summary + dl')).toContain('已被更正版取代');
    await b.signIn(keys.ipo);
    await b.page.goto(correctedUrl);
    await b.page.fill('#withdraw-reason', '统计口径有误，待核实后重新发布');
    await b.submitForm('#withdraw-form');
    expect(await b.page.textContent('#summary + dl')).toContain('已撤回');
    await b.check('key-field-withdrawn');
    // Gone from the public list, leaving a notice with the reason.
    const after = (await (await b.page.request.get(`${b.base}/api/v1/public/reports`)).json()) as {
      items: unknown[];
      notices: { reason: string }[];
    };
    expect(JSON.stringify(after.items)).not.toContain(KEY_FIELD);
    expect(after.notices.map((n) => n.reason)).toContain('统计口径有误，待核实后重新发布');
    await b.goto('/key-fields');
    expect(await b.page.locator('main tbody tr').count()).toBe(2); // both editions, each with its status
    await b.check('key-fields-editions');
  });

  it('no page had a serious or critical accessibility violation, made a request outside the service or logged an error', () => {
    expect(
      b.violations.flatMap((p) =>
        p.violations.map(
          (v) =>
            `${p.page}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        ),
      ),
    ).toEqual([]);
    expect(b.foreignRequests()).toEqual([]);
    expect(b.requests.length).toBeGreaterThan(50);
    // A refused form answers 400 or 409 with the form again, which Chromium logs; nothing else may fail.
    expect(b.consoleErrors.filter((e) => !/status of (400|409) /.test(e))).toEqual([]);
  });

  async function openFromInbox(title: string, required = true): Promise<boolean> {
    await b.goto('/inbox');
    const link = b.page.locator('main tbody a', { hasText: title });
    if ((await link.count()) === 0) {
      if (required) throw new Error(`${title} is not in the inbox`);
      return false;
    }
    await Promise.all([b.page.waitForNavigation(), link.first().click()]);
    return (await b.page.$('#task-form')) !== null;
  }

  async function answerTask(): Promise<void> {
    const offered = await b.page
      .locator('input[name=outcome]')
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    const outcome = ['accept', 'approve', 'pass-with-conditions', 'fulfilled'].find((o) =>
      offered.includes(o),
    )!;
    await b.page.check(`input[name=outcome][value="${outcome}"]`);
    await b.page.fill('#f-comment', '同意');
    if (outcome === 'pass-with-conditions')
      await b.page.fill('#f-conditions', '入职前签署不侵犯原单位商业秘密承诺书');
    await b.submitForm('#task-form');
  }

  async function submitStep(step: string): Promise<void> {
    await Promise.all([b.page.waitForNavigation(), b.page.click(`form[action$="/${step}"] button`)]);
  }

  async function archived(): Promise<boolean> {
    await b.signIn(keys.enterprise);
    await b.goto('/cases');
    const row = b.page.locator('main tbody tr', { hasText: ENTERPRISE_CASE });
    return (await row.textContent())!.includes('已归档');
  }
});
