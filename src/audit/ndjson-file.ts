import { StreamableFile } from '@nestjs/common';
import type { NdjsonExport } from './audit-export.service';

/** An export as the HTTP response: NDJSON, offered as a download under its file name. */
export function ndjsonFile({ stream, filename }: NdjsonExport): StreamableFile {
  return new StreamableFile(stream, {
    type: 'application/x-ndjson; charset=utf-8',
    disposition: `attachment; filename="${filename}"`,
  });
}
