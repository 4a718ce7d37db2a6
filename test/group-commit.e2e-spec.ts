/**
 * Group commit on the real unit of work and audit trail: commands that queue while the writer is busy
 * share one COMMIT (SQLite), each atomic on its own; a failing one is rolled back alone; nobody is
 * acknowledged before the COMMIT; every commit ends on a signed head, and the chain verifies. On PostgreSQL
 * (TEST_DATABASE_URL) each command keeps its own transaction, and the same assertions hold.
 */
import { DataSource, EntityManager } from 'typeorm';
import { AuditEventEntity } from '../src/audit/audit-event.entity';
import { AuditTrail } from '../src/audit/audit-trail';
import { AuditVerificationService } from '../src/audit/audit-verification.service';
import type { Principal } from '../src/auth/principal';
import { UnitOfWork } from '../src/database/unit-of-work';
import { AuditDb } from './support/audit-db';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let uow: UnitOfWork;
let trail: AuditTrail;

const auditor: Principal = {
  keyId: 'test-auditor',
  role: 'auditor',
  name: 'auditor',
  department: null,
  creditCode: null,
};
const actor: Principal = {
  keyId: 'test-officer',
  role: 'officer',
  name: 'officer',
  department: 'ipo',
  creditCode: null,
};

beforeAll(async () => {
  t = await startTestApp();
  uow = t.app.get(UnitOfWork);
  trail = t.app.get(AuditTrail);
});

afterAll(() => t?.close());

const events = () => t.app.get(DataSource).getRepository(AuditEventEntity);

/** A command that records one event about `id`, then fails if told to (after writing). */
function command(id: string, fail = false) {
  return async (m: EntityManager) => {
    await trail.append(m, actor, new Date('2026-11-30T08:00:00Z'), [
      { action: 'test.recorded', entityType: 'test', entityId: id, payload: { id } },
    ]);
    if (fail) throw new Error(`command ${id} fails after writing`);
    return id;
  };
}

async function verify() {
  return t.app.get(AuditVerificationService).verify(auditor, {});
}

it('acknowledges each command of a group after its commit, rolls a failing one back alone, and signs each commit', async () => {
  const before = await events().count();
  const ids = Array.from({ length: 12 }, (_, i) => `group-${i}`);
  const failing = new Set(['group-3', 'group-11']); // one inside the group, one that would close it
  const settled = await Promise.allSettled(ids.map((id) => uow.write(command(id, failing.has(id)))));

  settled.forEach((result, i) => {
    if (failing.has(ids[i])) expect(result).toMatchObject({ status: 'rejected' });
    else expect(result).toEqual({ status: 'fulfilled', value: ids[i] });
  });
  const stored = await events().find({ where: { action: 'test.recorded' }, order: { seq: 'ASC' } });
  const order = (list: string[]) => (t.database === 'sqlite' ? list : [...list].sort()); // PG: in parallel
  expect(order(stored.map((e) => e.entityId))).toEqual(order(ids.filter((id) => !failing.has(id))));
  expect(await events().count()).toBe(before + ids.length - failing.size);

  // Whatever the grouping was, the newest event closes the last commit and carries the head's signature,
  // and fewer signatures than commands were needed where commands shared a commit.
  const last = stored[stored.length - 1];
  expect(last.headSignature).toEqual(expect.stringMatching(/^[0-9a-f]{16}:/));
  const signed = stored.filter((e) => e.headSignature !== null).length;
  if (t.database === 'sqlite') expect(signed).toBeLessThan(stored.length);
  else expect(signed).toBe(stored.length);

  const report = await verify();
  expect(report).toMatchObject({ ok: true });
});

it('signs the head before the COMMIT when the command that would close a group is rolled back', async () => {
  // Several unsigned appends, and the closing command fails: the head they leave must still be signed.
  const settled = await Promise.allSettled([
    uow.write(command('closing-a')),
    uow.write(command('closing-b')),
    uow.write(command('closing-c', true)),
  ]);
  expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
  const newest = await events().findOne({ where: {}, order: { seq: 'DESC' } });
  expect(newest!.headSignature).toEqual(expect.stringMatching(/:/));
  if (t.database === 'sqlite') expect(newest!.entityId).toBe('closing-b');
  else expect(['closing-a', 'closing-b']).toContain(newest!.entityId); // in parallel, in either order
  expect(await verify()).toMatchObject({ ok: true });
});

/** Only SQLite groups commands; on PostgreSQL each command is a transaction of its own. */
const groupedOnly = process.env.TEST_DATABASE_URL ? it.skip : it;

groupedOnly(
  'rejects every command of a group whose COMMIT cannot happen, and writes none of them',
  async () => {
    const before = await events().count();
    // The hooks that close a commit run inside its transaction: one that fails stands for a COMMIT that
    // cannot happen (a full disk, a lost connection), after every command of the group ran.
    let armed = true;
    uow.beforeCommit(async () => {
      if (!armed) return;
      armed = false;
      throw new Error('the commit cannot happen');
    });
    const settled = await Promise.allSettled([
      uow.write(command('broken-a')),
      uow.write(command('broken-b')),
      uow.write(command('broken-c')),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await events().count()).toBe(before);
    expect(await verify()).toMatchObject({ ok: true });
    // And the writer goes on.
    await expect(uow.write(command('after-broken'))).resolves.toBe('after-broken');
  },
);

it('refuses a command that would end the transaction it shares, and commits the others', async () => {
  const before = await events().count();
  const ending = (sql: string) => (m: EntityManager) => m.query(sql).then(() => 'ended');
  const settled = await Promise.allSettled([
    uow.write(command('ending-a')),
    uow.write(ending('ROLLBACK')),
    uow.write(ending('COMMIT')),
    uow.write(command('ending-b')),
  ]);
  expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
  expect((settled[1] as PromiseRejectedResult).reason).toEqual(
    new Error('A command may not end the transaction it shares: ROLLBACK'),
  );
  expect(await events().count()).toBe(before + 2);
  expect(await verify()).toMatchObject({ ok: true });
  // A nested transaction of a command's own (TypeORM's savepoints) is still allowed.
  await expect(uow.write((m) => m.transaction((inner) => command('nested')(inner)))).resolves.toBe('nested');
});

groupedOnly('starts the next group in a transaction of its own after a rollback that failed', async () => {
  // SQLite may end the transaction by itself (a full disk, an I/O error), and the ROLLBACK after it fails.
  let armed = true;
  uow.beforeCommit(async (commit) => {
    if (!armed) return;
    armed = false;
    await commit.manager.query('ROLLBACK');
    throw new Error('the transaction ended by itself');
  });
  await expect(uow.write(command('ended-by-itself'))).rejects.toThrow('the transaction ended by itself');
  await expect(uow.write(command('after-ended'))).resolves.toBe('after-ended');
  // TypeORM's SQLite driver hands the writer one and the same runner: it must not believe a transaction open.
  expect(t.app.get(DataSource).createQueryRunner().isTransactionActive).toBe(false);
  expect(await verify()).toMatchObject({ ok: true });
});

groupedOnly('guards the writer once, however many groups it commits', async () => {
  // The runner is the same for every group on SQLite; a guard wrapped around it per group would stack.
  const seen = new Set<unknown>();
  for (let i = 0; i < 5; i += 1)
    await uow.write(async (m) => {
      seen.add(m.queryRunner!.query);
      return command(`guarded-${i}`)(m);
    });
  expect(seen.size).toBe(1);
});

it('leaves the head row on the newest event, signed, whatever the last command of a group wrote', async () => {
  // Whether the last command of a group appended nothing, failed, or followed a rollback, the committed
  // head row is the newest event and carries its signature.
  const nothing = async () => 'nothing';
  const rounds: [(m: EntityManager) => Promise<string>, 'fulfilled' | 'rejected'][][] = [
    [
      [command('row-a'), 'fulfilled'],
      [command('row-b'), 'fulfilled'],
      [nothing, 'fulfilled'],
    ],
    [
      [command('row-c'), 'fulfilled'],
      [command('row-d', true), 'rejected'],
      [command('row-e'), 'fulfilled'],
    ],
    [
      [command('row-f', true), 'rejected'],
      [nothing, 'fulfilled'],
    ],
    [
      [command('row-g'), 'fulfilled'],
      [command('row-h', true), 'rejected'],
      [nothing, 'fulfilled'],
    ],
  ];
  for (const round of rounds) {
    const settled = await Promise.allSettled(round.map(([work]) => uow.write(work)));
    expect(settled.map((s) => s.status)).toEqual(round.map(([, status]) => status));
    const newest = await events().findOne({ where: {}, order: { seq: 'DESC' } });
    const [head] = await t.app
      .get(DataSource)
      .query('SELECT seq, hash, signature FROM audit_head WHERE id = 1');
    expect({ seq: Number(head.seq), hash: head.hash, signature: head.signature }).toEqual({
      seq: newest!.seq,
      hash: newest!.hash,
      signature: newest!.headSignature,
    });
    expect(head.signature).toEqual(expect.stringMatching(/^[0-9a-f]{16}:/));
    expect(await verify()).toMatchObject({ ok: true });
  }
});

it('extends the chain from the head row as it is when the row moved behind the service', async () => {
  // The writer remembers the head its last commit left (SQLite); someone with write access to the file
  // appends an event and moves the head row. The next command must not write over it from memory.
  await uow.write(command('before-move'));
  const db = new AuditDb(t);
  const saved = await db.snapshot();
  await db.appendForged({
    occurredAt: '2026-11-30T08:00:00.000Z',
    actorId: 'someone',
    actorRole: 'officer',
    actorDepartment: null,
    action: 'test.recorded',
    entityType: 'test',
    entityId: 'behind-the-service',
    caseId: null,
    fromState: null,
    toState: null,
    payload: { id: 'behind-the-service' },
  });
  const moved = await db.head();

  await expect(uow.write(command('after-move'))).resolves.toBe('after-move');
  const after = await events().findOneByOrFail({ entityId: 'after-move' });
  expect({ seq: after.seq, prevHash: after.prevHash }).toEqual({ seq: moved.seq + 1, prevHash: moved.hash });

  await db.restore(saved);
  await expect(uow.write(command('after-restore'))).resolves.toBe('after-restore');
  expect(await verify()).toMatchObject({ ok: true });
});
