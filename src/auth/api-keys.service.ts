import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { DefinitionsService } from '../definitions/definitions.service';
import { AuditTrail } from '../audit/audit-trail';
import { ApiKeyEntity } from './api-key.entity';
import { hashKeySecret, newKeySecret } from './api-key-secret';
import { authorize } from './policy';
import type { Principal, Role } from './principal';
import { unknownDepartment } from '../common/department-field-error';
import { selectRows } from '../database/hot-sql';
import { ActiveKeys } from './active-keys';

export interface NewKey {
  role: Role;
  name: string;
  department?: string | null;
  creditCode?: string | null;
}

export interface KeyView {
  id: string;
  role: Role;
  name: string;
  department: string | null;
  creditCode: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** The system itself, as the actor of events nobody requested (the first admin key). */
const SYSTEM: Principal = {
  keyId: 'system',
  role: 'admin',
  name: 'system',
  department: null,
  creditCode: null,
};

@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger('ApiKeys');
  /** On SQLite only, where this process is the key table's one writer (active-keys.ts). */
  private readonly active: ActiveKeys | null;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly definitions: DefinitionsService,
  ) {
    this.active = uow.isPostgres ? null : new ActiveKeys();
  }

  /** The principal behind a bearer secret, or null when the key is unknown or revoked. */
  async principalFor(secret: string): Promise<Principal | null> {
    const keyHash = hashKeySecret(secret);
    const known = this.active?.get(keyHash);
    if (known) return known;
    const epoch = this.active?.readEpoch ?? 0;
    const [row] = await this.uow.read((m) => selectRows(m, ApiKeyEntity, { keyHash }), {
      singleStatement: true,
    });
    if (!row || row.revokedAt) return null;
    const principal = toPrincipal(row);
    this.active?.add(keyHash, principal, epoch);
    return principal;
  }

  /** The principal of a key by its id (a console session names its key), or null once it is revoked. */
  async principalById(id: string): Promise<Principal | null> {
    const [row] = await this.uow.read((m) => selectRows(m, ApiKeyEntity, { id }), { singleStatement: true });
    if (!row || row.revokedAt) return null;
    return toPrincipal(row);
  }

  /** Issues a key; the secret is returned here once and never stored. */
  async create(actor: Principal, input: NewKey): Promise<{ id: string; key: string }> {
    authorize(actor, 'keys.manage');
    if (input.department && !this.definitions.isDepartment(input.department)) {
      throw new DomainError('request.invalid', 'Unknown department', {
        errors: [unknownDepartment('department', input.department)],
      });
    }
    const key = newKeySecret();
    const id = await this.insert(actor, input, key);
    return { id, key };
  }

  /** Every key with its holder and state, never its secret (which is not stored) nor its hash. */
  async list(actor: Principal): Promise<KeyView[]> {
    authorize(actor, 'keys.manage');
    const rows = await this.uow.read((m) => m.find(ApiKeyEntity, { order: { createdAt: 'ASC', id: 'ASC' } }));
    return rows.map(({ id, role, name, department, creditCode, createdAt, revokedAt }) => ({
      id,
      role: role as Role,
      name,
      department,
      creditCode,
      createdAt,
      revokedAt,
    }));
  }

  async revoke(actor: Principal, id: string): Promise<void> {
    authorize(actor, 'keys.manage');
    // Forgotten before the write and again after its COMMIT; a read that overlapped either is not kept.
    this.active?.forget(id);
    try {
      await this.revokeRow(actor, id);
    } finally {
      this.active?.forget(id);
    }
  }

  private async revokeRow(actor: Principal, id: string): Promise<void> {
    await this.uow.write(async (m) => {
      const row = await m.findOneBy(ApiKeyEntity, { id });
      if (!row) throw new DomainError('resource.not-found', `No key with id ${id}`);
      if (row.revokedAt) return; // revoking twice changes nothing, and records nothing
      // Only the last admin key itself can attempt this (any other admin is a second active one). Refused:
      // nobody could issue or revoke keys any more until a restart with IPR_ADMIN_KEY.
      if (row.role === 'admin' && (await this.activeAdminsLocked(m)) <= 1)
        throw new DomainError(
          'key.last-admin',
          'The last active admin key cannot be revoked: issue another admin key first',
        );
      const at = this.clock.now();
      await m.update(ApiKeyEntity, { id }, { revokedAt: at.toISOString() });
      await this.audit.append(m, actor, at, [
        {
          action: 'key.revoked',
          entityType: 'api-key',
          entityId: id,
          payload: { role: row.role, name: row.name },
        },
      ]);
    });
  }

  /**
   * The active admin keys, locked on PostgreSQL: two admins revoking each other at once must not both
   * see the other as still active (SQLite has one writer anyway).
   */
  private async activeAdminsLocked(m: EntityManager): Promise<number> {
    const where = { role: 'admin', revokedAt: IsNull() };
    if (!this.uow.isPostgres) return m.countBy(ApiKeyEntity, where);
    const rows = await m.find(ApiKeyEntity, {
      where,
      select: { id: true },
      lock: { mode: 'pessimistic_write' },
    });
    return rows.length;
  }

  /**
   * When no admin key is active (the first start, or every admin key revoked, which the API refuses but the
   * database may still hold): IPR_ADMIN_KEY becomes an admin key again, restored when it is the revoked row
   * of an admin key, or a new one is generated and printed once to standard output (never to the log, which
   * may be shipped elsewhere). While an admin key is active, IPR_ADMIN_KEY changes nothing.
   */
  async ensureAdmin(configuredKey: string | undefined): Promise<void> {
    const hasAdmin = await this.uow.read((m) =>
      m.existsBy(ApiKeyEntity, { role: 'admin', revokedAt: IsNull() }),
    );
    if (hasAdmin) return;
    if (configuredKey && (await this.restoreAdmin(configuredKey))) {
      this.logger.log('Admin key IPR_ADMIN_KEY restored: no admin key was active');
      return;
    }
    const key = configuredKey ?? newKeySecret();
    await this.insert(SYSTEM, { role: 'admin', name: 'first administrator' }, key);
    if (configuredKey) {
      this.logger.log('Admin key taken from IPR_ADMIN_KEY');
    } else {
      process.stdout.write(
        `\nNo IPR_ADMIN_KEY was set, so an admin key was generated. It is shown only now:\n\n  ${key}\n\n`,
      );
    }
  }

  /** Un-revokes the admin row of `secret`; false when there is no such row. */
  private async restoreAdmin(secret: string): Promise<boolean> {
    return this.uow.write(async (m) => {
      const row = await m.findOneBy(ApiKeyEntity, { keyHash: hashKeySecret(secret) });
      if (!row) return false;
      if (row.role !== 'admin')
        throw new Error(
          'IPR_ADMIN_KEY is the secret of a key that is not an admin key: choose another secret',
        );
      const at = this.clock.now();
      await m.update(ApiKeyEntity, { id: row.id }, { revokedAt: null });
      await this.audit.append(m, SYSTEM, at, [
        {
          action: 'key.restored',
          entityType: 'api-key',
          entityId: row.id,
          payload: {
            role: row.role,
            name: row.name,
            reason: 'no active admin key at start; IPR_ADMIN_KEY restored',
          },
        },
      ]);
      return true;
    });
  }

  private async insert(actor: Principal, input: NewKey, secret: string): Promise<string> {
    const id = randomUUID();
    await this.uow.write(async (m) => {
      const at = this.clock.now();
      await m.insert(ApiKeyEntity, {
        id,
        keyHash: hashKeySecret(secret),
        role: input.role,
        name: input.name,
        department: input.department ?? null,
        creditCode: input.creditCode ?? null,
        createdAt: at.toISOString(),
        revokedAt: null,
      });
      await this.audit.append(m, actor, at, [
        {
          action: 'key.created',
          entityType: 'api-key',
          entityId: id,
          payload: {
            role: input.role,
            name: input.name,
            department: input.department ?? null,
            creditCode: input.creditCode ?? null,
          },
        },
      ]);
    });
    return id;
  }
}

function toPrincipal(row: ApiKeyEntity): Principal {
  return {
    keyId: row.id,
    role: row.role as Role,
    name: row.name,
    department: row.department,
    creditCode: row.creditCode,
  };
}
