import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { hashKeySecret } from './api-key-secret';
import { KnownKeys } from './known-keys';
import { NO_RATE_LIMIT } from './no-rate-limit.decorator';
import { IS_PUBLIC } from './public.decorator';
import { RateLimitStore } from './rate-limit-store';

/**
 * IPR_RATE_LIMIT_PER_MINUTE requests per minute, in one budget across every route, per API key, and per
 * client address for everything else. It runs before the ApiKeyGuard and needs no lookup of the key: a
 * key this instance has seen authenticate (KnownKeys, in memory) counts against itself; any other bearer
 * secret, made up or not, and a request without one, count against the client's address. So 6,000 fresh
 * random keys from one address are throttled like 6,000 requests from that address, and none of them past
 * the limit reaches the database's key table. The raw secret is never kept: buckets use its SHA-256, which
 * for a real key is its stored key_hash. The health probe (@NoRateLimit) is never limited.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly store: RateLimitStore,
    private readonly known: KnownKeys,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'IPR_RATE_LIMIT_PER_MINUTE'>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(NO_RATE_LIMIT, [context.getHandler(), context.getClass()]))
      return true;
    const http = context.switchToHttp();
    const request = http.getRequest<{ headers: Record<string, unknown>; ip?: string }>();
    const secret = bearerSecret(request.headers.authorization);
    const keyHash = secret ? hashKeySecret(secret) : null;
    // Routes without a key (the published reports) count by address only, whatever bearer comes along.
    const open = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    const bucket =
      keyHash && !open && this.known.has(keyHash) ? `key:${keyHash}` : `ip:${String(request.ip)}`;
    const now = this.clock.now().getTime();
    const { hits, resetAt } = await this.store.hit(bucket, now);
    if (hits <= this.config.IPR_RATE_LIMIT_PER_MINUTE) return true;
    http
      .getResponse<{ setHeader(name: string, value: string): void }>()
      .setHeader('Retry-After', String(Math.max(1, Math.ceil((resetAt - now) / 1000))));
    throw new HttpException(
      `More than ${this.config.IPR_RATE_LIMIT_PER_MINUTE} requests in a minute from this ${bucket.startsWith('key:') ? 'API key' : 'address'}; retry after the Retry-After seconds`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** The secret of an "Authorization: Bearer <secret>" header as the ApiKeyGuard reads it, if there is one. */
export function bearerSecret(header: unknown): string | null {
  const match = typeof header === 'string' ? /^Bearer\s+(\S{1,200})$/i.exec(header.trim()) : null;
  return match ? match[1] : null;
}
