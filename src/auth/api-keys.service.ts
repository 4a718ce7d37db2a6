import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { DefinitionsService } from '../definitions/definitions.service';
import { AuditTrail } from '../audit/audit-trail';
import { ApiKeyEntity } from './api-key.entity';
import { hashKeySecret, newKeySecret } from './api-key-secret';
import { authorize } from './policy';
import type { Principal, Role } from './principal';

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

  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly definitions: DefinitionsService,
  ) {}

  /** The principal behind a bearer secret, or null when the key is unknown or revoked. */
  async principalFor(secret: string): Promise<Principal | null> {
    const row = await this.uow.read((m) => m.findOneBy(ApiKeyEntity, { keyHash: hashKeySecret(secret) }), {
      singleStatement: true,
    });
    if (!row || row.revokedAt) return null;
    return toPrincipal(row);
  }

  /** The principal of a key by its id (a console session names its key), or null once it is revoked. */
  async principalById(id: string): Promise<Principal | null> {
    const row = await this.uow.read((m) => m.findOneBy(ApiKeyEntity, { id }), { singleStatement: true });
    if (!row || row.revokedAt) return null;
    return toPrincipal(row);
  }

  /** Issues a key; the secret is returned here once and never stored. */
  async create(actor: Principal, input: NewKey): Promise<{ id: string; key: string }> {
    authorize(actor, 'keys.manage');
    if (input.department && !this.definitions.isDepartment(input.department)) {
      throw new DomainError('request.invalid', 'Unknown department', {
        errors: [{ field: 'department', reason: `"${input.department}" is not in the department catalogue` }],
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
    await this.uow.write(async (m) => {
      const row = await m.findOneBy(ApiKeyEntity, { id });
      if (!row) throw new DomainError('resource.not-found', `No key with id ${id}`);
      if (row.revokedAt) return; // revoking twice changes nothing, and records nothing
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
   * On the first start there is no admin: IPR_ADMIN_KEY becomes the admin key, or a new one is generated
   * and printed once to standard output (never to the log, which may be shipped elsewhere).
   */
  async ensureAdmin(configuredKey: string | undefined): Promise<void> {
    const hasAdmin = await this.uow.read((m) => m.existsBy(ApiKeyEntity, { role: 'admin' }));
    if (hasAdmin) return;
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
