import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { ConsoleSessionsService } from '../auth/console-sessions.service';
import { PRINCIPAL } from '../auth/current-principal.decorator';
import { DomainError } from '../common/domain-error';
import { CONSOLE_CONTEXT, type ConsoleContext, parseCookies, SESSION_COOKIE } from './console-context';
import { langOf } from './console-i18n';
import { ConsoleLabels } from './console-labels';

/**
 * Console pages authenticate by session cookie instead of a bearer key, and every form post must carry
 * the session's synchronizer token (CSRF); SameSite=Strict on the cookie is the second line.
 */
@Injectable()
export class ConsoleSessionGuard implements CanActivate {
  constructor(
    private readonly sessions: ConsoleSessionsService,
    private readonly labels: ConsoleLabels,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & Record<string, unknown>>();
    const cookies = parseCookies(request.headers.cookie);
    const token = cookies[SESSION_COOKIE];
    const session = token ? await this.sessions.resume(token) : null;
    if (!session) throw new DomainError('auth.unauthenticated', 'Sign in to use the console');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const sent: unknown = (request.body as Record<string, unknown> | undefined)?._csrf;
      if (!sameToken(sent, session.csrfToken))
        throw new DomainError('auth.forbidden', 'The form is out of date or did not come from this console');
    }
    request[PRINCIPAL] = session.principal;
    const lang = langOf(cookies);
    const ctx: ConsoleContext = {
      principal: session.principal,
      csrfToken: session.csrfToken,
      lang,
      roleLabel: this.labels.word('roles', session.principal.role, lang),
      here: request.originalUrl,
    };
    request[CONSOLE_CONTEXT] = ctx;
    return true;
  }
}

function sameToken(sent: unknown, expected: string): boolean {
  if (typeof sent !== 'string' || sent.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
}
