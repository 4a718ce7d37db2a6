/**
 * The bound SQL of src/database/hot-sql.ts against what TypeORM reads and writes, on the database the
 * tests run on: a case read in one statement (selectWithChildren, its tasks through JSON) is the case and
 * the tasks TypeORM finds, value for value and type for type, with text that JSON must escape; an update
 * in bound SQL (updateRows) changes what TypeORM's would and counts the rows it changed; text inserted as
 * its UTF-8 bytes (insertRows, as a decision and its audit payload are) is stored as text.
 */
import { DataSource } from 'typeorm';
import { textOf } from '../src/common/utf8-text';
import { insertRows, selectWithChildren, updateRows } from '../src/database/hot-sql';
import { EvaluationDecisionEntity } from '../src/evaluations/evaluation-decision.entity';
import { EvaluationEntity } from '../src/evaluations/evaluation.entity';
import { TaskEntity } from '../src/tasks/task.entity';
import { ApiClient, expectStatus } from './support/api-client';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Characters a JSON text must escape (a quote, a backslash, a newline, a tab), beside CJK text, an emoji (a
 * surrogate pair) and a closing script tag.
 */
const AWKWARD = '审查意见 "引号" \\ 反斜杠\n换行\t制表 😀 </script>';

describe('hot-sql', () => {
  let t: TestApp;
  let api: ApiClient;
  let ds: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.http);
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const byId = (a: TaskEntity, b: TaskEntity) => a.id.localeCompare(b.id);

  it('reads a case and its tasks in one statement as TypeORM finds them', async () => {
    const { id, view } = await api.submit('major-project', 'high');
    const [task] = view.tasks;
    const answer = { outcome: task.allowedOutcomes[0], comment: AWKWARD };
    expectStatus(await api.complete(task, answer), 200);

    const { row, children } = await selectWithChildren(
      ds.manager,
      EvaluationEntity,
      { id },
      TaskEntity,
      'evaluationId',
    );
    // The same case found through any of its tasks.
    for (const { id: childId } of children) {
      const found = await selectWithChildren(
        ds.manager,
        EvaluationEntity,
        { childId },
        TaskEntity,
        'evaluationId',
      );
      expect(found.row).toStrictEqual(row);
      expect([...found.children].sort(byId)).toStrictEqual([...children].sort(byId));
    }
    const expected = await ds.manager.findOneByOrFail(EvaluationEntity, { id });
    const tasks = await ds.manager.findBy(TaskEntity, { evaluationId: id });
    expect(children.length).toBeGreaterThan(1); // the completed task and those the workflow opened next
    expect(children.find((c) => c.id === task.id)?.comment).toBe(AWKWARD);
    expect({ ...row }).toStrictEqual({ ...expected });
    expect(children.map((c) => ({ ...c })).sort(byId)).toStrictEqual(tasks.map((c) => ({ ...c })).sort(byId));
    expect(children.every((c) => c instanceof TaskEntity)).toBe(true);
  });

  it('reads a case without tasks, and no case (by its id or a task id), in one statement', async () => {
    const { id } = await api.submit('trade-show', 'low');
    await ds.manager.delete(TaskEntity, { evaluationId: id });
    const alone = await selectWithChildren(ds.manager, EvaluationEntity, { id }, TaskEntity, 'evaluationId');
    expect(alone.row?.id).toBe(id);
    expect(alone.children).toEqual([]);

    const none = await selectWithChildren(
      ds.manager,
      EvaluationEntity,
      { id: '00000000-0000-4000-8000-000000000000' },
      TaskEntity,
      'evaluationId',
    );
    expect(none).toEqual({ row: undefined, children: [], latest: null });
    const noTask = await selectWithChildren(
      ds.manager,
      EvaluationEntity,
      { childId: '00000000-0000-4000-8000-000000000000' },
      TaskEntity,
      'evaluationId',
    );
    expect(noTask).toEqual({ row: undefined, children: [], latest: null });
  });

  it('reads the newest row of another table beside the case, by number, not by text', async () => {
    const { id } = await api.submit('major-project', 'low');
    const [first] = await ds.manager.findBy(EvaluationDecisionEntity, { evaluationId: id });
    for (const round of [10, 2])
      await ds.manager.insert(EvaluationDecisionEntity, {
        ...first,
        round,
        decision: `{"round":${round},"note":${JSON.stringify(AWKWARD)}}`,
      });
    const newest = {
      target: EvaluationDecisionEntity,
      foreignKey: 'evaluationId',
      order: 'round',
      column: 'decision',
      asBytes: true,
    } as const;
    const read = await selectWithChildren(
      ds.manager,
      EvaluationEntity,
      { id },
      TaskEntity,
      'evaluationId',
      newest,
    );
    // As bytes on SQLite (its UTF-8 as stored), as text on PostgreSQL: the same text either way.
    const expected = `{"round":10,"note":${JSON.stringify(AWKWARD)}}`;
    expect(read.latest).toEqual(ds.options.type === 'sqlite' ? Buffer.from(expected, 'utf8') : expected);
    expect(textOf(read.latest!)).toBe(expected);
    expect(read.children.length).toBeGreaterThan(0);
    const [task] = read.children;
    const byTask = await selectWithChildren(
      ds.manager,
      EvaluationEntity,
      { childId: task.id },
      TaskEntity,
      'evaluationId',
      newest,
    );
    expect(byTask.latest).toEqual(read.latest);

    // The case as the API shows it carries the decision in force: the newest round's, as stored.
    expect((await api.evaluation(id)).decision).toEqual({ round: 10, note: AWKWARD });
  });

  it('updates in bound SQL what the filter matches and counts it', async () => {
    const { id } = await api.submit('talent-introduction', 'low');
    const before = await ds.manager.findOneByOrFail(EvaluationEntity, { id });
    const runner = ds.createQueryRunner();
    await runner.startTransaction();
    try {
      const stale = await updateRows(
        runner.manager,
        EvaluationEntity,
        { id, version: before.version + 1 },
        {
          overrideReason: 'never written',
        },
      );
      const done = await updateRows(
        runner.manager,
        EvaluationEntity,
        { id, version: before.version },
        {
          overrideReason: AWKWARD,
          publicationConsent: true,
          version: before.version + 1,
        },
      );
      expect([stale, done]).toEqual([0, 1]);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    const after = await ds.manager.findOneByOrFail(EvaluationEntity, { id });
    expect({ ...after }).toStrictEqual({
      ...before,
      overrideReason: AWKWARD,
      publicationConsent: true,
      version: before.version + 1,
    });
  });

  it('stores text given as its UTF-8 bytes as text, as a submission writes its decision and its trail', async () => {
    const { id } = await api.submit('trade-show', 'high');
    const [first] = await ds.manager.findBy(EvaluationDecisionEntity, { evaluationId: id });
    const decision = `{"note":${JSON.stringify(AWKWARD)}}`;
    await insertRows(ds.manager, EvaluationDecisionEntity, [
      // A text and a varchar column as bytes: any string column may be given so.
      {
        ...first,
        round: 2,
        rulesHash: Buffer.from(first.rulesHash, 'utf8'),
        decision: Buffer.from(decision, 'utf8'),
      },
    ]);
    const stored = await ds.manager.findOneByOrFail(EvaluationDecisionEntity, { evaluationId: id, round: 2 });
    expect(stored.decision).toBe(decision); // a string, not a Buffer: stored as text, not as a BLOB
    expect(stored.rulesHash).toBe(first.rulesHash);

    // SQLite keeps a value's own type in any column: every decision and audit payload the submission wrote
    // from bytes must be text there, not a BLOB (PostgreSQL converts to the column's type or refuses).
    if (ds.options.type === 'sqlite') {
      const kinds: { kind: string }[] = await ds.query(
        'SELECT typeof(decision) AS kind FROM evaluation_decisions UNION SELECT typeof(payload) FROM audit_events',
      );
      expect(kinds.map((k) => k.kind)).toEqual(['text']);
    }
    expect((await api.evaluation(id)).decision).toEqual({ note: AWKWARD });
  });
});
