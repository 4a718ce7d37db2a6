import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '../common/domain-error';
import { ProblemDetailsFilter } from '../common/problem-details.filter';
import { localizeProblem } from '../common/problem-language';
import { CONSOLE_CONTEXT, type ConsoleContext, localPath, parseCookies } from './console-context';
import { langOf, t } from './console-i18n';
import { html } from './html';
import { layout } from './layout.view';

/**
 * Errors on console pages: the same problem the API would answer, shown as a page with its status; a
 * missing or ended session goes to the sign-in page and comes back afterwards.
 */
@Catch()
export class ConsoleErrorFilter implements ExceptionFilter {
  private readonly problems = new ProblemDetailsFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request & Record<string, unknown>>();
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DomainError && exception.code === 'auth.unauthenticated') {
      const next = request.method === 'GET' ? localPath(request.originalUrl) : '/';
      response.redirect(303, `/sign-in?next=${encodeURIComponent(next)}`);
      return;
    }
    const ctx = (request[CONSOLE_CONTEXT] as ConsoleContext | undefined) ?? null;
    const lang = ctx?.lang ?? langOf(parseCookies(request.headers.cookie));
    const problem = localizeProblem(this.problems.toProblem(exception), lang);
    const body = html`<div class="notice bad" role="alert">
        <p><strong>${problem.status} ${problem.title}</strong></p>
        <p>${problem.detail}</p>
        ${
          problem.errors?.length
            ? html`<ul>
                ${problem.errors.map((e) => html`<li><code>${e.field}</code>: ${e.reason}</li>`)}
              </ul>`
            : ''
        }
        ${problem.errorId ? html`<p>Error id: <code>${problem.errorId}</code></p>` : ''}
      </div>
      <p><a href="/">${t(lang, 'back')}</a></p>`;
    response
      .status(problem.status)
      .type('html')
      .send(layout(ctx, lang, t(lang, 'error'), body).text);
  }
}
