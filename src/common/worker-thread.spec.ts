/**
 * The worker-thread client on a small worker of the tests' own (test/support/echo.worker.ts): answers by
 * id, a worker that dies fails only the jobs it held, and the next job starts a new one.
 */
import { join } from 'node:path';
import { WorkerThread } from './worker-thread';

type Job = { say: string } | { exit: number };
type Answer = { id: number; said: string; threadId: number };

let thread: WorkerThread<Job, Answer>;
beforeEach(() => {
  thread = new WorkerThread<Job, Answer>(join(__dirname, '../../test/support'), 'echo.worker');
});
afterEach(() => thread.stop());

it('answers each job with its own answer', async () => {
  const answers = await Promise.all(['a', 'b', 'c'].map((say) => thread.send({ say })));
  expect(answers.map((a) => a.said)).toEqual(['a', 'b', 'c']);
});

it('fails the jobs of a worker that died, and starts a new one for the next job', async () => {
  const first = await thread.send({ say: 'before' });
  const held = thread.send({ say: 'held' }); // sent before the exit, so answered before the worker dies
  await expect(thread.send({ exit: 3 })).rejects.toThrow(
    'The worker thread echo.worker stopped (exit code 3)',
  );
  await expect(held).resolves.toMatchObject({ said: 'held' });
  const next = await thread.send({ say: 'after' });
  expect(next.said).toBe('after');
  expect(next.threadId).not.toBe(first.threadId);
});
