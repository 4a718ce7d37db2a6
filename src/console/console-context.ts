import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import type { Lang } from './console-i18n';

/** What every console page knows about its request: who, their form token, their language. */
export interface ConsoleContext {
  principal: Principal;
  csrfToken: string;
  lang: Lang;
  /** The person's role in their language (rules/vocabulary.json), for the header of every page. */
  roleLabel: string;
  /** The path and query of this page, for the language switch to come back to. */
  here: string;
}

export const CONSOLE_CONTEXT = 'iprConsole';

export const Ctx = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): ConsoleContext => ctx.switchToHttp().getRequest()[CONSOLE_CONTEXT],
);

export const SESSION_COOKIE = 'ipr_session';

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    try {
      out[name] = decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      // A malformed cookie is ignored like an absent one.
    }
  }
  return out;
}

/** Only paths of this site: a "back" or "next" parameter must not send the person elsewhere. */
export function localPath(value: unknown, fallback = '/'): string {
  return typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : fallback;
}
