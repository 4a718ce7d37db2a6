import { parentPort } from 'node:worker_threads';
import type { ReportDocument } from './report-document';
import { TypstPdf } from './typst-pdf';
import { renderWorkflowSvg } from './workflow-diagram';

/**
 * The thread that lays out reports, so a long report never holds up the event loop that serves other
 * requests. It keeps one Typst compiler (fonts loaded once) and one Graphviz instance for its lifetime.
 */
export type RenderJob =
  { id: number; kind: 'svg'; dot: string } | { id: number; kind: 'pdf'; document: ReportDocument };
export type RenderAnswer = { id: number; svg?: string; pdf?: Uint8Array; error?: string };

let typst: TypstPdf | null = null;

parentPort?.on('message', (job: RenderJob) => {
  void run(job).then((answer) => parentPort!.postMessage(answer));
});

async function run(job: RenderJob): Promise<RenderAnswer> {
  try {
    if (job.kind === 'svg') return { id: job.id, svg: await renderWorkflowSvg(job.dot) };
    typst ??= new TypstPdf();
    return { id: job.id, pdf: typst.render(job.document) };
  } catch (error) {
    return { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
}
