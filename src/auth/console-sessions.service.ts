import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { hashKeySecret } from './api-key-secret';
import { ApiKeysService } from './api-keys.service';
import { ConsoleSessionEntity } from './console-session.entity';
import type { Principal } from './principal';

export interface ConsoleSession {
  principal: Principal;
  csrfToken: string;
}

/** A session's last-seen time is written at most this often: a page view need not be a write. */
const TOUCH_AFTER_MS = 60_000;

/**
 * Console sign-in: a person proves who they are once with their API key and gets a session. The session
 * is a database row (several instances share it), ends after IPR_SESSION_IDLE_MINUTES without a request,
 * on sign-out, and as soon as its key is revoked.
 */
@Injectable()
export class ConsoleSessionsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly keys: ApiKeysService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Returns the cookie token; only its hash is stored. */
  async signIn(secret: string): Promise<{ token: string; principal: Principal }> {
    const principal = secret.length <= 200 ? await this.keys.principalFor(secret.trim()) : null;
    if (!principal)
      throw new DomainError('auth.unauthenticated', 'The API key is unknown or revoked', {
        errors: [{ field: 'key', reason: 'unknown or revoked key', zh: '密钥不存在或已吊销' }],
      });
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now().toISOString();
    await this.uow.write((m) =>
      m.insert(ConsoleSessionEntity, {
        tokenHash: hashKeySecret(token),
        keyId: principal.keyId,
        csrfToken: randomBytes(32).toString('base64url'),
        createdAt: now,
        lastSeenAt: now,
      }),
    );
    return { token, principal };
  }

  /** The live session behind a cookie token, or null (unknown, idle too long, or its key revoked). */
  async resume(token: string): Promise<ConsoleSession | null> {
    if (token.length > 100) return null;
    const tokenHash = hashKeySecret(token);
    const row = await this.uow.read((m) => m.findOneBy(ConsoleSessionEntity, { tokenHash }), {
      singleStatement: true,
    });
    if (!row) return null;
    const now = this.clock.now();
    const idleMs = now.getTime() - Date.parse(row.lastSeenAt);
    const principal = idleMs <= this.idleLimitMs() ? await this.keys.principalById(row.keyId) : null;
    if (!principal) {
      await this.uow.write((m) => m.delete(ConsoleSessionEntity, { tokenHash }));
      return null;
    }
    if (idleMs > TOUCH_AFTER_MS)
      await this.uow.write((m) =>
        m.update(ConsoleSessionEntity, { tokenHash }, { lastSeenAt: now.toISOString() }),
      );
    return { principal, csrfToken: row.csrfToken };
  }

  async signOut(token: string): Promise<void> {
    await this.uow.write((m) => m.delete(ConsoleSessionEntity, { tokenHash: hashKeySecret(token) }));
  }

  idleLimitMs(): number {
    return this.config.IPR_SESSION_IDLE_MINUTES * 60_000;
  }
}
