import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { WorkerThread } from '../common/worker-thread';
import type { ReportDocument } from './report-document';
import type { RenderAnswer } from './report-render.worker';

type JobInput = { kind: 'svg'; dot: string } | { kind: 'pdf'; document: ReportDocument };

/**
 * Lays out reports on a worker thread (report-render.worker.ts), started on first use and kept: the
 * event loop only builds the document and waits. Jobs queue on the one worker, which is what the two
 * cores of the target machine can give to rendering anyway. A worker that dies fails its jobs and is
 * started again by the next one.
 */
@Injectable()
export class ReportRenderer implements OnApplicationShutdown {
  private readonly thread = new WorkerThread<JobInput, RenderAnswer>(__dirname, 'report-render.worker');

  async svg(dot: string): Promise<string> {
    const answer = await this.send({ kind: 'svg', dot });
    return answer.svg!;
  }

  async pdf(document: ReportDocument): Promise<Buffer> {
    const answer = await this.send({ kind: 'pdf', document });
    const bytes = answer.pdf!;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** After the HTTP server closed (Nest's order), so requests still in flight at shutdown get their answer. */
  onApplicationShutdown(): Promise<void> {
    return this.thread.stop();
  }

  private async send(input: JobInput): Promise<RenderAnswer> {
    const answer = await this.thread.send(input);
    if (answer.error) throw new Error(answer.error);
    return answer;
  }
}
