import { parentPort, threadId } from 'node:worker_threads';

/** A worker for worker-thread.spec.ts: says back what it is told, or exits with the code it is given. */
parentPort?.on('message', (job: { id: number; say?: string; exit?: number }) => {
  if (job.exit !== undefined) process.exit(job.exit);
  parentPort!.postMessage({ id: job.id, said: job.say, threadId });
});
