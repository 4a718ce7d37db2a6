import { StreamableFile } from '@nestjs/common';

/** A rendered report: its bytes, media type and file name, and for an issued PDF its SHA-256. */
export interface ReportFile {
  body: Buffer;
  type: 'application/pdf' | 'text/html; charset=utf-8';
  filename: string;
  sha256: string | null;
}

/** The report as the HTTP response, shown inline (a browser opens it; a client may save it). */
export function reportResponse(file: ReportFile): StreamableFile {
  return new StreamableFile(file.body, {
    type: file.type,
    disposition: `inline; filename="${file.filename}"`,
    length: file.body.length,
  });
}
