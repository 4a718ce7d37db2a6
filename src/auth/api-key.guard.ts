import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { hashKeySecret } from './api-key-secret';
import { ApiKeysService } from './api-keys.service';
import { KnownKeys } from './known-keys';
import { RateLimitStore } from './rate-limit-store';
import { PRINCIPAL } from './current-principal.decorator';
import { IS_PUBLIC } from './public.decorator';

/** Authenticates every request by its bearer key; authorization is the policy's job, not the guard's. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
    private readonly known: KnownKeys,
    private readonly rateLimits: RateLimitStore,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const request = context.switchToHttp().getRequest();
    const header: unknown = request.headers?.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S{1,200})$/i.exec(header.trim()) : null;
    if (!match)
      throw new DomainError('auth.unauthenticated', 'Send an API key as "Authorization: Bearer <key>"');
    const principal = await this.keys.principalFor(match[1]);
    if (!principal) throw new DomainError('auth.unauthenticated', 'The API key is unknown or revoked');
    const keyHash = hashKeySecret(match[1]);
    if (!this.known.has(keyHash)) {
      // Its first request here was counted against the address (RateLimitGuard); from now on its requests
      // count against the key, this one included, so a key's budget is the same on every instance.
      this.known.add(keyHash);
      await this.rateLimits.hit(`key:${keyHash}`, this.clock.now().getTime());
    }
    request[PRINCIPAL] = principal;
    return true;
  }
}
