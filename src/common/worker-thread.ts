import { extname, join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** What a worker script answers to a job: the job's id, and the answer's own fields. */
export type WorkerAnswer = { id: number };

type Pending<A> = { resolve: (answer: A) => void; reject: (error: Error) => void };

/**
 * One worker thread that takes jobs by message and answers each with its id. Started on first use and
 * kept; an idle one never keeps the process alive. A worker that dies fails its jobs, and the next job
 * starts a new one.
 *
 * `script` is the worker's file name without extension, beside `dir`: compiled, a .js file; under ts-node
 * or ts-jest, the .ts source, loaded through ts-node.
 */
export class WorkerThread<J extends object, A extends WorkerAnswer> {
  // The jobs out are the running worker's own: a worker that died takes only its own jobs with it.
  private running: { worker: Worker; pending: Map<number, Pending<A>> } | null = null;
  private nextId = 1;

  constructor(
    private readonly dir: string,
    private readonly script: string,
    private readonly resourceLimits?: ResourceLimits,
  ) {}

  send(job: J): Promise<A> {
    const { worker, pending } = this.running ?? this.start();
    const id = this.nextId++;
    return new Promise<A>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.ref(); // held while a job is out, so a script awaiting an answer does not exit under it
      worker.postMessage({ id, ...job });
    });
  }

  async stop(): Promise<void> {
    const running = this.running;
    this.running = null;
    await running?.worker.terminate();
  }

  private start(): { worker: Worker; pending: Map<number, Pending<A>> } {
    const source = extname(__filename) === '.ts';
    const worker = new Worker(join(this.dir, `${this.script}${source ? '.ts' : '.js'}`), {
      execArgv: source ? ['--require', 'ts-node/register/transpile-only'] : [],
      resourceLimits: this.resourceLimits,
    });
    const pending = new Map<number, Pending<A>>();
    worker.unref();
    worker.on('message', (answer: A) => {
      const job = pending.get(answer.id);
      pending.delete(answer.id);
      job?.resolve(answer);
      if (pending.size === 0) worker.unref();
    });
    const fail = (error: Error) => {
      if (this.running?.worker === worker) this.running = null;
      for (const job of pending.values()) job.reject(error);
      pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) =>
      fail(new Error(`The worker thread ${this.script} stopped (exit code ${code})`)),
    );
    this.running = { worker, pending };
    return this.running;
  }
}
