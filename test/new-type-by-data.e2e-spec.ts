/**
 * An activity type is data: a copy of one type's folder under a new name, in a temp definitions root, is
 * checked by definitions:check and served by the API (contract, OpenAPI, submissions, its workflow) with no
 * change to the code. The copy renames only what must be unique: the folder and the rule-name prefix.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EvaluationView } from '../src/evaluations/evaluation.view';
import { editJson } from './fixtures/definitions/fixture-tree';
import { ApiClient, expectStatus } from './support/api-client';
import { shippedDefinitionsWith } from './support/definitions-copy';
import { factFixture, REPO_ROOT } from './support/fact-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

const NEW_TYPE = 'domestic-fair';

/** The shipped definitions plus rules/domestic-fair, a copy of rules/trade-show with its own prefix and label. */
function withCopiedType() {
  const copy = shippedDefinitionsWith('rules/trade-show/activity.json', () => undefined);
  cpSync(join(copy.dir, 'rules', 'trade-show'), join(copy.dir, 'rules', NEW_TYPE), { recursive: true });
  editJson(copy.dir, `rules/${NEW_TYPE}/activity.json`, (activity) => {
    activity.label = { zh: '国内展会知识产权风险评估', en: 'Domestic trade fair' };
    activity.rulePrefix = 'fair.';
  });
  for (const file of ['hard-stops.json', 'routing.json', 'scoring.json'])
    editJson(copy.dir, `rules/${NEW_TYPE}/${file}`, (json) => {
      for (const rule of json.rules) rule.name = rule.name.replace(/^show\./, 'fair.');
    });
  return copy;
}

describe('a type added by copying data', () => {
  const copy = withCopiedType();
  let t: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    t = await startTestApp({ env: { IPR_DEFINITIONS_DIR: copy.dir } });
    api = new ApiClient(t.http);
  });
  afterAll(async () => {
    await t?.close();
    copy.remove();
  });

  it('passes definitions:check, listed beside the shipped types', () => {
    expect(readdirSync(join(copy.dir, 'rules', NEW_TYPE)).sort()).toEqual(
      readdirSync(join(REPO_ROOT, 'rules', 'trade-show')).sort(),
    );
    const run = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', 'definitions:check', '--root', copy.dir],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(
      new RegExp(`^${NEW_TYPE} +workflow [0-9a-f]{64}  rules [0-9a-f]{64}  ok$`, 'm'),
    );
  });

  it('is served: its contract, its OpenAPI schema, and a case through its workflow to the archive', async () => {
    const officer = await api.officer('commerce');
    const definitions = await api.get('/definitions', officer);
    expect(definitions.body.map((d: { type: string }) => d.type)).toContain(NEW_TYPE);
    const detail = await api.get(`/definitions/${NEW_TYPE}`, officer);
    expectStatus(detail, 200);
    expect(detail.body).toMatchObject({ label: { en: 'Domestic trade fair' }, facts: { type: 'object' } });
    const docs = await t.http.get('/docs-json');
    expect(docs.body.components.schemas.DomesticFairFacts).toMatchObject({ additionalProperties: false });

    const { applicant, ...facts } = factFixture('trade-show.low');
    const res = await api.post('/evaluations', officer, {
      type: NEW_TYPE,
      title: '参加深圳国际工业博览会',
      applicant,
      competentDepartment: 'commerce',
      facts,
    });
    expectStatus(res, 201);
    const submitted = res.body as EvaluationView;
    expect(submitted.decision.explanation.notFired.map((trace) => trace.rule)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^fair\./)]),
    );
    const { evaluation } = await api.driveToClosed(submitted.id, (task) =>
      task.allowedOutcomes.includes('pass') ? 'pass' : task.allowedOutcomes[0],
    );
    expect(evaluation).toMatchObject({ type: NEW_TYPE, state: 'archived', outcome: 'pass' });
  });
});
