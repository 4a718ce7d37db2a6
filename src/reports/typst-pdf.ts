import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ReportDocument } from './report-document';

/**
 * Typst, compiled natively inside this process (the binary ships in the npm package), with the Noto Sans
 * SC faces read from node_modules by path: no system font and no network is ever consulted, so the same
 * document gives the same bytes on every machine.
 */
const FONT_PACKAGE = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
const FONT_FILES = ['400Regular/NotoSansSC_400Regular.ttf', '700Bold/NotoSansSC_700Bold.ttf'];
const TEMPLATE = readFileSync(join(__dirname, 'templates', 'report.typ'), 'utf8');

/** PDF/A-2u: archival (ISO 19005-2), with Unicode text so the Chinese can be extracted and searched. */
export const PDF_STANDARD = 'a-2u';

export class TypstPdf {
  private readonly compiler: NodeCompiler;

  /** Loading the two faces (~20 MB) takes a few hundred milliseconds: make one per process and keep it. */
  constructor() {
    this.compiler = NodeCompiler.create({
      fontArgs: [{ fontBlobs: FONT_FILES.map((f) => readFileSync(join(FONT_PACKAGE, f))) }],
    });
  }

  render(document: ReportDocument): Buffer {
    const result = this.compiler.compile({
      mainFileContent: TEMPLATE,
      inputs: { data: JSON.stringify(document) },
    });
    const compiled = result.result;
    if (!compiled || result.hasError()) {
      const error = result.takeError() ?? result.takeDiagnostics();
      throw new Error(`Typst could not lay out the report: ${JSON.stringify(error?.shortDiagnostics ?? [])}`);
    }
    const pdf = this.compiler.pdf(compiled, { pdfStandard: PDF_STANDARD });
    // Memoised layouts of earlier reports are of no use to the next one: keep memory flat.
    this.compiler.evictCache(10);
    return pdf;
  }
}
