/**
 * Replay: every stored decision of a case re-runs with its stored facts, submission time and the rule
 * version it was made with, read by hash from the database, and comes out identical: also after the rule
 * files on disk changed and the service restarted on the same database. A stored decision edited behind
 * the service's back is reported with the exact paths that differ.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReplayReport } from '../../src/evaluations/case-replay.service';
import { resetRuleEngineCache } from '../../src/decision/rule-engine-cache';
import { ACTIVITY_TYPES } from '../support/activity-types';
import { ApiClient, expectProblem, expectStatus, SteppingClock } from '../support/api-client';
import { driveAuditCases, type AuditCase } from '../support/audit-cases';
import { AuditDb } from '../support/audit-db';
import { REPO_ROOT } from '../support/fact-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

const POINTS_ADDED = 7;

/** A copy of workflows/ and rules/ where every scoring rule of every type counts POINTS_ADDED more. */
function changedDefinitions(dir: string): string {
  const root = join(dir, 'definitions');
  cpSync(join(REPO_ROOT, 'workflows'), join(root, 'workflows'), { recursive: true });
  cpSync(join(REPO_ROOT, 'rules'), join(root, 'rules'), { recursive: true });
  for (const type of ACTIVITY_TYPES) {
    const file = join(root, 'rules', type, 'scoring.json');
    const scoring = JSON.parse(readFileSync(file, 'utf8')) as {
      rules: { event: { params: { points: number } } }[];
    };
    for (const rule of scoring.rules) rule.event.params.points += POINTS_ADDED;
    writeFileSync(file, JSON.stringify(scoring, null, 2));
  }
  expect(readdirSync(join(root, 'rules'))).toEqual(expect.arrayContaining([...ACTIVITY_TYPES]));
  return root;
}

describe('replay of stored decisions', () => {
  const pg = Boolean(process.env.TEST_DATABASE_URL);
  let dir: string;
  let sqlitePath: string | undefined;
  let t: TestApp | null = null;
  let cases: AuditCase[];
  let oldRulesHash: Record<string, string>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ipr-replay-'));
    sqlitePath = pg ? undefined : join(dir, 'replay.sqlite');
  });

  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function replay(api: ApiClient, id: string, key: string): Promise<ReplayReport> {
    const res = await api.post(`/evaluations/${id}/replay`, key);
    expectStatus(res, 200);
    return res.body as ReplayReport;
  }

  it('every round of every case replays identical', async () => {
    t = await startTestApp({ clock: new SteppingClock(), sqlitePath });
    const api = new ApiClient(t.http);
    cases = await driveAuditCases(api);
    const auditor = await api.auditor();
    oldRulesHash = Object.fromEntries(
      ((await api.get('/definitions', auditor)).body as { type: string; rulesHash: string }[]).map((d) => [
        d.type,
        d.rulesHash,
      ]),
    );
    for (const c of cases) {
      const report = await replay(api, c.id, auditor);
      expect(report).toMatchObject({ caseId: c.id, identical: true });
      expect(report.rounds).toHaveLength(c.path === 'returned-resubmitted-passed' ? 2 : 1);
      for (const round of report.rounds) {
        expect(round).toMatchObject({
          identical: true,
          definitionIntact: true,
          trail: 'matches',
          differences: [],
          trailDifferences: [],
          rulesHash: oldRulesHash[c.type],
        });
      }
    }
    // Each replay is itself in the trail.
    const recorded = await api.get('/audit/events?action=evaluation.replayed&pageSize=100', auditor);
    expect(recorded.body.total).toBe(cases.length);
    expect(recorded.body.items[0]).toMatchObject({
      actor: { role: 'auditor' },
      caseId: cases[0].id,
      payload: { identical: true },
    });
    await t.close();
    t = null;
  });

  it('after the rule files changed and the service restarted on the same database: still identical, by hash', async () => {
    const definitions = changedDefinitions(dir);
    resetRuleEngineCache(); // as the restart of a process would: nothing compiled from the old files survives
    t = await startTestApp({
      clock: new SteppingClock('2026-04-01T02:00:00.000Z'),
      sqlitePath,
      resetDatabase: false,
      env: { IPR_DEFINITIONS_DIR: definitions },
    });
    const api = new ApiClient(t.http);
    const auditor = await api.auditor();
    const active = Object.fromEntries(
      ((await api.get('/definitions', auditor)).body as { type: string; rulesHash: string }[]).map((d) => [
        d.type,
        d.rulesHash,
      ]),
    );
    for (const type of ACTIVITY_TYPES) expect(active[type]).not.toBe(oldRulesHash[type]);

    for (const c of cases) {
      const report = await replay(api, c.id, auditor);
      expect(report.identical).toBe(true);
      for (const round of report.rounds)
        expect(round).toMatchObject({
          identical: true,
          definitionIntact: true,
          rulesHash: oldRulesHash[c.type],
        });
    }

    // The change is real: the same facts decided under the active rules score differently now.
    const fresh = await api.submit('talent-introduction', 'high');
    const before = (
      await api.get(`/evaluations/${cases.find((c) => c.type === 'talent-introduction')!.id}`, auditor)
    ).body as { decision: { findings: unknown[] } };
    expect(fresh.view.definition.rulesHash).toBe(active['talent-introduction']);
    expect(fresh.view.decision.findings.length).toBeGreaterThan(0);
    expect(fresh.view.decision.score).toBeGreaterThan(POINTS_ADDED);
    expect(before.decision.findings.length).toBe(fresh.view.decision.findings.length);
    const freshReport = await replay(api, fresh.id, auditor);
    expect(freshReport.rounds).toEqual([
      expect.objectContaining({ identical: true, rulesHash: active['talent-introduction'] }),
    ]);
  });

  it('a stored decision or its facts edited behind the service: the exact differences, against the recomputation and the trail', async () => {
    const api = new ApiClient(t!.http);
    const auditor = await api.auditor();
    const db = new AuditDb(t!);
    const target = cases.find((c) => c.path === 'returned-resubmitted-passed')!;
    const [row] = await db.query<{ decision: string; facts: string }[]>(
      'SELECT decision, facts FROM evaluation_decisions WHERE evaluation_id = ? AND round = 2',
      [target.id],
    );
    const decision = JSON.parse(row.decision) as { score: number; level: string };
    await db.query('UPDATE evaluation_decisions SET decision = ? WHERE evaluation_id = ? AND round = 2', [
      JSON.stringify({ ...decision, score: decision.score - 5 }),
      target.id,
    ]);

    const report = await replay(api, target.id, auditor);
    expect(report.identical).toBe(false);
    expect(report.rounds[0]).toMatchObject({ round: 1, identical: true, trail: 'matches' });
    expect(report.rounds[1]).toMatchObject({
      round: 2,
      identical: false,
      differences: [{ path: '$.score', stored: decision.score - 5, recomputed: decision.score }],
      trail: 'differs',
      trailDifferences: [
        { path: '$.decision.score', stored: decision.score - 5, recomputed: decision.score },
      ],
    });

    // Facts changed (and the decision put back): the recomputation differs where the facts matter, and the
    // trail, which holds the facts it was decided on, names the edited fact.
    const facts = JSON.parse(row.facts) as { applicant: { name: string } };
    await db.query(
      'UPDATE evaluation_decisions SET decision = ?, facts = ? WHERE evaluation_id = ? AND round = 2',
      [
        row.decision,
        JSON.stringify({ ...facts, applicant: { ...facts.applicant, name: 'Someone Else Ltd' } }),
        target.id,
      ],
    );
    const factsReport = await replay(api, target.id, auditor);
    expect(factsReport.rounds[1].trail).toBe('differs');
    expect(factsReport.rounds[1].trailDifferences).toContainEqual({
      path: '$.facts.applicant.name',
      stored: 'Someone Else Ltd',
      recomputed: facts.applicant.name,
    });
  });

  it('only auditors replay, and only cases that exist', async () => {
    const api = new ApiClient(t!.http);
    const c = cases[0];
    expectProblem(await api.post(`/evaluations/${c.id}/replay`, c.submitterKey), 403, 'auth.forbidden');
    expectProblem(
      await api.post(`/evaluations/${c.id}/replay`, await api.reviewer('ipo')),
      403,
      'auth.forbidden',
    );
    expectProblem(
      await api.post('/evaluations/00000000-0000-4000-8000-000000000000/replay', await api.auditor()),
      404,
      'case.not-found',
    );
  });
});
