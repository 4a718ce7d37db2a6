import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const JSON_MEDIA_TYPE = /^application\/json\s*(;|$)/i;

/**
 * The API reads JSON bodies only. body-parser leaves a body of any other media type unread, and the request
 * would then be validated as if it had none: a 400 where fields are required, but POST
 * /evaluations/:id/withdraw (every field optional) would withdraw the case and drop the reason sent as
 * text/plain or a form. So a body that is not application/json is a 415 before any handler runs.
 */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody && !JSON_MEDIA_TYPE.test(req.headers['content-type'] ?? '')) {
    next(new UnsupportedMediaTypeException('Send the request body as application/json'));
    return;
  }
  next();
}
