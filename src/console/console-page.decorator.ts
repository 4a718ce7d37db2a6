import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import { SESSION_AUTH } from '../auth/public.decorator';
import { ConsoleErrorFilter } from './console-error.filter';
import { ConsoleSessionGuard } from './console-session.guard';
import { Html } from './html';

/** A page handler returns Html; it goes out as text/html, never cached (pages show personal data). */
@Injectable()
export class HtmlPageInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((result: unknown) => {
        if (!(result instanceof Html)) return result;
        const response = context.switchToHttp().getResponse<Response>();
        response.type('html').setHeader('Cache-Control', 'no-store');
        return result.text;
      }),
    );
  }
}

/** Console pages without a session: the sign-in page, the assets and the language switch. */
export const ConsoleOpenPages = () =>
  applyDecorators(
    SetMetadata(SESSION_AUTH, true),
    ApiExcludeController(),
    UseFilters(ConsoleErrorFilter),
    UseInterceptors(HtmlPageInterceptor),
  );

/** Console pages for a signed-in person: the session replaces the API key (and checks CSRF on posts). */
export const ConsolePages = () => applyDecorators(ConsoleOpenPages(), UseGuards(ConsoleSessionGuard));

export function sendPage(res: Response, page: Html, status = 200): void {
  res.status(status).type('html').setHeader('Cache-Control', 'no-store').send(page.text);
}

export function seeOther(res: Response, location: string): void {
  res.redirect(303, location);
}
