/**
 * Exactly once with two instances: two services (two Nest applications, each with its own connection
 * pool, scheduler and clock) on one PostgreSQL database run their schedulers at the same moments, over
 * and over. Every reminder and every escalation happens once, whichever instance claims it, and the
 * countersigns deemed approved by racing instances still move each case on exactly once.
 *
 * PostgreSQL only: on SQLite one embedded file is one instance. Runs when TEST_DATABASE_URL is set (CI).
 */
import { Client } from 'pg';
import { DeadlineScheduler, type DueRun } from '../src/deadlines/deadline-scheduler';
import { ApiClient, expectStatus, pick } from './support/api-client';
import { deemedCountersign } from './support/definitions-copy';
import { MovableClock } from './support/movable-clock';
import { startTestApp, type TestApp } from './support/test-app';

const PG_URL = process.env.TEST_DATABASE_URL;
const describeOnPostgres = PG_URL ? describe : describe.skip;

const beijing = (local: string) => `${local.replace(' ', 'T')}:00.000+08:00`;
const SUBMITTED = beijing('2026-02-12 10:00');
const INTAKE_REMIND = '2026-02-24T16:00:00.000Z';
const INTAKE_ESCALATE = '2026-02-26T16:00:00.000Z';
const ACCEPTED = beijing('2026-02-27 09:00');
const REVIEW_REMIND = '2026-03-09T16:00:00.000Z';
const REVIEW_ESCALATE = '2026-03-12T16:00:00.000Z';
const CASES = 8;

describeOnPostgres(
  'two instances on one PostgreSQL: each reminder and escalation exactly once (needs TEST_DATABASE_URL)',
  () => {
    let definitions: ReturnType<typeof deemedCountersign>;
    let a: TestApp;
    let b: TestApp;
    const clockA = new MovableClock(SUBMITTED);
    const clockB = new MovableClock(SUBMITTED);
    let db: Client;

    beforeAll(async () => {
      definitions = deemedCountersign(); // here, not at collection: a skipped suite leaves no temp copy
      const env = { IPR_DEFINITIONS_DIR: definitions.dir };
      a = await startTestApp({ clock: clockA, env });
      b = await startTestApp({ clock: clockB, env, resetDatabase: false });
      db = new Client({ connectionString: PG_URL });
      await db.connect();
    });

    afterAll(async () => {
      await db?.end();
      await b?.close();
      await a?.close();
      definitions?.remove();
    });

    /** Both instances run their schedulers at `instant`, twice each, all at once; returns every run's claims. */
    async function raceAt(instant: string): Promise<DueRun[]> {
      clockA.set(instant);
      clockB.set(instant);
      const [sa, sb] = [a.app.get(DeadlineScheduler), b.app.get(DeadlineScheduler)];
      const now = new Date(instant);
      return Promise.all([sa.runDue(now), sb.runDue(now), sa.runDue(now), sb.runDue(now)]);
    }

    const claimed = (runs: DueRun[], kind: keyof DueRun) => runs.flatMap((run) => run[kind]);

    async function countsBy(sql: string): Promise<Map<string, number>> {
      const { rows } = await db.query<{ key: string; n: string }>(sql);
      return new Map(rows.map((row) => [row.key, Number(row.n)]));
    }

    it('claims each due event once across instances, and the deemed countersigns complete each case once', async () => {
      const apiA = new ApiClient(a.http);
      const apiB = new ApiClient(b.http);
      const submissions = await Promise.all(
        Array.from({ length: CASES }, (_, i) =>
          (i % 2 === 0 ? apiA : apiB).submit(i % 4 < 2 ? 'talent-introduction' : 'major-project', 'low'),
        ),
      );
      const intakes = submissions.map((s) => s.view.tasks[0].id).sort();

      const reminders = await raceAt(INTAKE_REMIND);
      expect(claimed(reminders, 'reminded').sort()).toEqual(intakes); // every intake once: no id twice, none missing
      const escalations = await raceAt(INTAKE_ESCALATE);
      expect(claimed(escalations, 'escalated').sort()).toEqual(intakes);
      expect(await raceAt(INTAKE_ESCALATE)).toEqual(Array(4).fill({ reminded: [], escalated: [] }));

      clockA.set(ACCEPTED);
      clockB.set(ACCEPTED);
      for (const [i, s] of submissions.entries()) {
        const api = i % 2 === 0 ? apiB : apiA;
        expectStatus(await api.complete(s.view.tasks[0], pick(s.view.tasks[0], 'accept')), 200);
      }
      const reviews = (await Promise.all(submissions.map((s) => apiA.evaluation(s.id)))).flatMap(
        (e) => e.tasks,
      );
      const reviewIds = reviews.map((task) => task.id).sort();
      expect(claimed(await raceAt(REVIEW_REMIND), 'reminded').sort()).toEqual(reviewIds);

      // Talent introductions: hrss and ipo countersign in parallel and both are deemed approved, possibly by
      // different instances at the same moment; the last approval moves the case to its decision.
      const runs = [...(await raceAt(REVIEW_ESCALATE)), ...(await raceAt(REVIEW_ESCALATE))];
      expect(claimed(runs, 'escalated').sort()).toEqual(reviewIds);
      for (const s of submissions) {
        const after = await apiB.evaluation(s.id);
        // Both types follow the one standard procedure, so the deemed countersign applies to both.
        expect(after.state).toBe('decision');
        if (s.view.type === 'talent-introduction')
          expect(after.tasks).toEqual([expect.objectContaining({ stage: 'decision', department: 'hrss' })]);
        const countersign = (after.history ?? []).filter((task) => task.stage === 'countersign');
        expect(countersign.length).toBeGreaterThan(0);
        expect(
          countersign.every((task) => task.status === 'done' && task.completedBy?.id === 'scheduler'),
        ).toBe(true);
        // Every transition of the case bumped its version once: none was lost to a race.
        const transitions = (await apiA.trail(s.id)).filter(
          (event) => event.action === 'workflow.transition',
        );
        expect(after.version).toBe(transitions.length);
      }

      // In the database: one audit event per task and kind, one notice per task, kind and recipient.
      const audit = await countsBy(
        `SELECT entity_id || ' ' || action AS key, count(*) AS n FROM audit_events WHERE action IN ('task.reminded', 'task.escalated') GROUP BY 1`,
      );
      expect(audit.size).toBe(2 * (intakes.length + reviewIds.length));
      expect([...audit.values()].every((n) => n === 1)).toBe(true);
      const notices = await countsBy(
        `SELECT task_id || ' ' || kind || ' ' || department AS key, count(*) AS n FROM notifications GROUP BY 1`,
      );
      expect([...notices.values()].every((n) => n === 1)).toBe(true);
      const { rows } = await db.query<{ n: string; max: number }>(
        'SELECT count(*) AS n, max(seq) AS max FROM audit_events',
      );
      expect(Number(rows[0].n)).toBe(rows[0].max); // gap-free sequence
      const verified = await apiA.get('/audit/verify', await apiA.auditor());
      expectStatus(verified, 200);
      expect(verified.body).toMatchObject({ ok: true, events: rows[0].max });
    });
  },
);
