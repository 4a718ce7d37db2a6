import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReportDocument } from './report-document';
import type { RenderAnswer, RenderJob } from './report-render.worker';

type Pending = { resolve: (answer: RenderAnswer) => void; reject: (error: Error) => void };
type JobInput = { kind: 'svg'; dot: string } | { kind: 'pdf'; document: ReportDocument };

/**
 * Lays out reports on a worker thread (report-render.worker.ts), started on first use and kept: the
 * event loop only builds the document and waits. Jobs queue on the one worker, which is what the two
 * cores of the target machine can give to rendering anyway. A worker that dies fails its jobs and is
 * started again by the next one.
 */
@Injectable()
export class ReportRenderer implements OnModuleDestroy {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  async svg(dot: string): Promise<string> {
    const answer = await this.send({ kind: 'svg', dot });
    return answer.svg!;
  }

  async pdf(document: ReportDocument): Promise<Buffer> {
    const answer = await this.send({ kind: 'pdf', document });
    const bytes = answer.pdf!;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private send(input: JobInput): Promise<RenderAnswer> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<RenderAnswer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref(); // held while a job is out, so a script awaiting a report does not exit under it
      worker.postMessage({ id, ...input } as RenderJob);
    }).then((answer) => {
      if (answer.error) throw new Error(answer.error);
      return answer;
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // Compiled, the worker is a .js file beside this one; under ts-node or ts-jest it is the .ts source.
    const source = extname(__filename) === '.ts';
    const worker = new Worker(join(__dirname, `report-render.worker${source ? '.ts' : '.js'}`), {
      execArgv: source ? ['--require', 'ts-node/register/transpile-only'] : [],
    });
    worker.unref(); // an idle renderer never keeps the process alive
    worker.on('message', (answer: RenderAnswer) => {
      const job = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      job?.resolve(answer);
      if (this.pending.size === 0) worker.unref();
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const job of this.pending.values()) job.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The report renderer stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
