/**
 * The migration that keeps the decision in force only in the case's decision rounds, on the database the
 * tests run on: taken back (down), the case rows get the newest round's decision again; applied (up), a
 * case that has no decision round gets its row's decision as round 1 before the column goes, so no
 * decision is lost either way, and the API shows every case as before.
 */
import { DataSource } from 'typeorm';
import { EvaluationDecisionEntity } from '../src/evaluations/evaluation-decision.entity';
import { ApiClient } from './support/api-client';
import { startTestApp, type TestApp } from './support/test-app';

describe('migration: the decision in force kept in the decision rounds only', () => {
  let t: TestApp;
  let api: ApiClient;
  let ds: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.http);
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  /** The evaluations table's columns; the query runner holds a pooled connection on PostgreSQL until released. */
  const columns = async () => {
    const runner = ds.createQueryRunner();
    try {
      return (await runner.getTable('evaluations'))!.columns.map((c) => c.name);
    } finally {
      await runner.release();
    }
  };

  it('moves the decision back into the case row and out again without losing one', async () => {
    const kept = await api.submit('major-project', 'high');
    const orphan = await api.submit('trade-show', 'low');
    const before = [await api.evaluation(kept.id), await api.evaluation(orphan.id)];
    expect(await columns()).not.toContain('decision');

    await ds.undoLastMigration();
    expect(await columns()).toContain('decision');
    const rows: { id: string; decision: string }[] = await ds
      .createQueryBuilder()
      .select(['e.id AS id', 'e.decision AS decision'])
      .from('evaluations', 'e')
      .where('e.id IN (:...ids)', { ids: [kept.id, orphan.id] })
      .getRawMany();
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const view = before.find((v) => v.id === row.id)!;
      expect(JSON.parse(row.decision)).toEqual(view.decision);
    }

    // A case whose rounds are missing keeps its decision through its row.
    await ds.manager.delete(EvaluationDecisionEntity, { evaluationId: orphan.id });
    await ds.runMigrations();
    expect(await columns()).not.toContain('decision');
    const rounds = await ds.manager.findBy(EvaluationDecisionEntity, { evaluationId: orphan.id });
    expect(rounds.map((r) => r.round)).toEqual([1]);
    expect(JSON.parse(rounds[0].decision)).toEqual(before[1].decision);
    expect(await ds.manager.countBy(EvaluationDecisionEntity, { evaluationId: kept.id })).toBe(1);
    expect([await api.evaluation(kept.id), await api.evaluation(orphan.id)]).toEqual(before);
  });
});
