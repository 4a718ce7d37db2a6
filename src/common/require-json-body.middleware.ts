import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** application/json, and application/merge-patch+json (RFC 7396), which POST /evaluations/:id/resubmit takes. */
export const JSON_MEDIA_TYPE = /^application\/(json|merge-patch\+json)\s*(;|$)/i;
export const MERGE_PATCH_MEDIA_TYPE = /^application\/merge-patch\+json\s*(;|$)/i;
const PDF_MEDIA_TYPE = /^application\/pdf\s*(;|$)/i;

/** The one route that reads a body other than JSON: a PDF to verify against the audit trail. */
export const PDF_BODY_PATH = /\/reports\/verify\/?$/;

/**
 * The API reads JSON bodies only. body-parser leaves a body of any other media type unread, and the request
 * would then be validated as if it had none: a 400 where fields are required, but POST
 * /evaluations/:id/withdraw (every field optional) would withdraw the case and drop the reason sent as
 * text/plain or a form. So a body that is not application/json is a 415 before any handler runs.
 */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  const type = req.headers['content-type'] ?? '';
  if (hasBody && PDF_BODY_PATH.test(req.path) && PDF_MEDIA_TYPE.test(type)) return next();
  if (hasBody && !JSON_MEDIA_TYPE.test(type)) {
    next(
      new UnsupportedMediaTypeException(
        'Send the request body as application/json (or application/merge-patch+json where a merge patch is taken)',
      ),
    );
    return;
  }
  next();
}
