/**
 * SQLite only (on PostgreSQL reads come from the pool anyway): reads run on read-only connections beside
 * the writer, so they do not wait for a write in progress, never see its uncommitted rows, see it once it
 * committed, and see one snapshot for the whole read. An in-memory database keeps reads on the writer.
 */
import { ApiKeyEntity } from '../src/auth/api-key.entity';
import { UnitOfWork } from '../src/database/unit-of-work';
import { EvaluationEntity } from '../src/evaluations/evaluation.entity';
import { ApiClient } from './support/api-client';
import { startTestApp, type TestApp } from './support/test-app';

const describeOnSqlite = process.env.TEST_DATABASE_URL ? describe.skip : describe;

/** A promise and the function that settles it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const countKeys = (uow: UnitOfWork) => uow.read((m) => m.count(ApiKeyEntity));

describeOnSqlite('reads on SQLite beside the writer', () => {
  let t: TestApp;
  let uow: UnitOfWork;

  beforeAll(async () => {
    t = await startTestApp();
    uow = t.app.get(UnitOfWork);
    await new ApiClient(t.http).submit('trade-show', 'low'); // some rows to read
  });
  afterAll(() => t.close());

  it('run on a read-only connection', async () => {
    await expect(uow.read((m) => m.query(`UPDATE evaluations SET title = 'changed'`))).rejects.toThrow(
      /SQLITE_READONLY/,
    );
    expect(await uow.read((m) => m.countBy(EvaluationEntity, { title: 'changed' }))).toBe(0);
  });

  it('do not wait for a write in progress, do not see its rows until it commits, then see them', async () => {
    const before = await countKeys(uow);
    const inserted = gate();
    const release = gate();
    const write = uow.write(async (m) => {
      await m.insert(ApiKeyEntity, {
        id: 'reader-test-key',
        keyHash: 'f'.repeat(64),
        role: 'auditor',
        name: 'reader test',
        department: null,
        creditCode: null,
        createdAt: new Date().toISOString(),
        revokedAt: null,
      });
      inserted.open();
      await release.opened; // the write transaction stays open, holding the writer's lock
    });
    await inserted.opened;
    expect(await countKeys(uow)).toBe(before); // answered while the write holds the lock; no uncommitted row
    release.open();
    await write;
    expect(await countKeys(uow)).toBe(before + 1);
  });

  it('see one snapshot for the whole read, whatever commits meanwhile', async () => {
    const committed = gate();
    const counts = await uow.read(async (m) => {
      const first = await m.count(ApiKeyEntity);
      await uow
        .write((w) => w.update(ApiKeyEntity, { id: 'reader-test-key' }, { name: 'renamed' }))
        .then(committed.open);
      await committed.opened;
      const renamed = await m.countBy(ApiKeyEntity, { name: 'renamed' });
      return { first, second: await m.count(ApiKeyEntity), renamed };
    });
    expect(counts.second).toBe(counts.first);
    expect(counts.renamed).toBe(0); // committed after this read began
    expect(await uow.read((m) => m.countBy(ApiKeyEntity, { name: 'renamed' }))).toBe(1);
  });

  it('stay on the writer for an in-memory database (it cannot be opened twice)', async () => {
    const memory = await startTestApp({ env: { IPR_SQLITE_PATH: ':memory:' } });
    try {
      const api = new ApiClient(memory.http);
      const { id } = await api.submit('major-project', 'low');
      expect((await api.evaluation(id)).id).toBe(id);
    } finally {
      await memory.close();
    }
  });
});
