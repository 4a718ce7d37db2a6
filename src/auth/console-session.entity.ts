import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A person's console session, kept server-side so every instance on one PostgreSQL sees it. The cookie
 * holds a random token; only its SHA-256 is stored here, like API keys, so a copy of the table signs
 * nobody in.
 */
@Entity('console_sessions')
@Index(['keyId'])
export class ConsoleSessionEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'key_id', type: 'varchar', length: 36 })
  keyId: string;

  /** The synchronizer token every console form carries back (CSRF). */
  @Column({ name: 'csrf_token', type: 'varchar', length: 64 })
  csrfToken: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'last_seen_at', type: 'varchar', length: 30 })
  lastSeenAt: string;
}
