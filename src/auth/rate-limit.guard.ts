import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerRequest } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { hashKeySecret } from './api-key-secret';
import { IS_PUBLIC } from './public.decorator';

/**
 * Requests per minute, per API key: one budget across every route (the throttler's default would keep
 * one per route). It runs before the ApiKeyGuard, so requests with a wrong or missing key are limited
 * too, and it needs no database: the tracker is the SHA-256 of the presented bearer secret, which for a
 * real key is exactly its stored key_hash (the raw secret is never kept, not even in the throttler's
 * memory). A request without a bearer key, and any request to a public route, is tracked by its IP address.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  /**
   * Routes without a key (the public reports) count by address only: a made-up bearer per request would
   * otherwise buy a fresh budget each time.
   */
  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const { context } = props;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return super.handleRequest({ ...props, getTracker: async (req) => `ip:${String(req.ip)}` });
    return super.handleRequest(props);
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const secret = bearerSecret((request.headers as Record<string, unknown> | undefined)?.authorization);
    return secret ? `key:${hashKeySecret(secret)}` : `ip:${String(request.ip)}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return createHash('sha256').update(`${throttlerName}:${tracker}`).digest('hex');
  }
}

/** The secret of an "Authorization: Bearer <secret>" header as the ApiKeyGuard reads it, if there is one. */
export function bearerSecret(header: unknown): string | null {
  const match = typeof header === 'string' ? /^Bearer\s+(\S{1,200})$/i.exec(header.trim()) : null;
  return match ? match[1] : null;
}
