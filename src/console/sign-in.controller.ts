import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ConsoleSessionsService } from '../auth/console-sessions.service';
import { DomainError } from '../common/domain-error';
import { localPath, parseCookies, SESSION_COOKIE } from './console-context';
import { LANG_COOKIE, langOf, type Lang, t } from './console-i18n';
import { ConsoleOpenPages, seeOther, sendPage } from './console-page.decorator';
import { html } from './html';
import { homeOf, layout } from './layout.view';

/** Sign-in with the API key, sign-out, and the language switch: the pages that need no session. */
@ConsoleOpenPages()
@Controller()
export class SignInController {
  constructor(private readonly sessions: ConsoleSessionsService) {}

  @Get('sign-in')
  signInPage(@Req() req: Request, @Query('next') next?: string) {
    return signInView(langOf(parseCookies(req.headers.cookie)), localPath(next, ''), false);
  }

  @Post('sign-in')
  async signIn(@Req() req: Request, @Res() res: Response, @Body() body: Record<string, unknown>) {
    const lang = langOf(parseCookies(req.headers.cookie));
    const next = localPath(body?.next, '');
    // Against login CSRF (another site signing the person in as someone else): a browser's form post
    // carries Origin, which must be this site.
    const origin = req.headers.origin;
    if (origin && origin !== 'null' && new URL(origin).host !== req.headers.host)
      throw new DomainError('auth.forbidden', 'Sign in from this console, not from another site');
    try {
      const { token, principal } = await this.sessions.signIn(typeof body?.key === 'string' ? body.key : '');
      res.cookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: req.secure, // behind a TLS proxy with IPR_TRUST_PROXY, from X-Forwarded-Proto
        path: '/',
      });
      seeOther(res, next || homeOf(principal));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'auth.unauthenticated') throw error;
      sendPage(res, signInView(lang, next, true), 401);
    }
  }

  /** No CSRF token here: signing someone out is harmless, and a stale page must still be able to leave. */
  @Post('sign-out')
  async signOut(@Req() req: Request, @Res() res: Response) {
    const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (token) await this.sessions.signOut(token);
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
    seeOther(res, '/sign-in');
  }

  @Get('lang')
  switchLanguage(@Res() res: Response, @Query('to') to?: string, @Query('back') back?: string) {
    const lang: Lang = to === 'en' ? 'en' : 'zh';
    res.cookie(LANG_COOKIE, lang, { sameSite: 'lax', httpOnly: true, path: '/', maxAge: 365 * 86_400_000 });
    seeOther(res, localPath(back));
  }
}

function signInView(lang: Lang, next: string, failed: boolean) {
  return layout(
    null,
    lang,
    t(lang, 'signIn'),
    html`<form method="post" action="/sign-in" class="card narrow">
      <p>${t(lang, 'signInHelp')}</p>
      ${
        failed
          ? html`<p class="error" id="key-error" role="alert">
              ${lang === 'zh' ? '密钥无效或已吊销' : 'The key is unknown or revoked'}
            </p>`
          : ''
      }
      <div class="field">
        <label for="key">${t(lang, 'apiKey')}</label>
        <input
          type="password"
          id="key"
          name="key"
          required
          autocomplete="current-password"
          ${failed ? html`aria-invalid="true" aria-describedby="key-error"` : ''}
        />
      </div>
      <input type="hidden" name="next" value="${next}" />
      <button type="submit">${t(lang, 'signIn')}</button>
    </form>`,
  );
}
