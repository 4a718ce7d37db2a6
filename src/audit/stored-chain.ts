import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity';
import { AuditHeadEntity } from './audit-head.entity';
import { LARGE_PAYLOAD, type Payload, type StoredEvent } from './event-canonical';
import {
  verifyChain,
  type ChainPosition,
  type KeptHead,
  type RecordedHead,
  type VerifyResult,
} from './verify-chain';

/**
 * How the chain is read: UnitOfWork.read in the service (one short read per batch, so other requests run in
 * between on SQLite), the data source's manager in the CLI.
 */
export type ReadChain = <T>(work: (manager: EntityManager) => Promise<T>) => Promise<T>;

export const CHAIN_BATCH_SIZE = 5000;

const STORED_COLUMNS: [string, keyof StoredEvent][] = [
  ['e.seq', 'seq'],
  ['e.occurred_at', 'occurredAt'],
  ['e.actor_id', 'actorId'],
  ['e.actor_role', 'actorRole'],
  ['e.actor_department', 'actorDepartment'],
  ['e.action', 'action'],
  ['e.entity_type', 'entityType'],
  ['e.entity_id', 'entityId'],
  ['e.case_id', 'caseId'],
  ['e.from_state', 'fromState'],
  ['e.to_state', 'toState'],
  ['e.payload', 'payload'],
  ['e.prev_hash', 'prevHash'],
  ['e.hash', 'hash'],
  ['e.head_signature', 'headSignature'],
];

/**
 * Raw rows, not entities: hydrating hundreds of thousands of entities would cost more than hashing them.
 * With `payloadBytes` on SQLite, large payloads come as their UTF-8 bytes (a BLOB cast): the driver then
 * copies bytes instead of decoding them into a string the hash would have to encode again.
 */
function selectStored(manager: EntityManager, payloadBytes: boolean): SelectQueryBuilder<AuditEventEntity> {
  const q = manager
    .createQueryBuilder(AuditEventEntity, 'e')
    .select(STORED_COLUMNS[0][0], STORED_COLUMNS[0][1]);
  const asBytes = payloadBytes && manager.connection.options.type === 'sqlite';
  for (const [column, alias] of STORED_COLUMNS.slice(1)) {
    if (alias === 'payload' && asBytes)
      q.addSelect(
        `CASE WHEN length(e.payload) > ${LARGE_PAYLOAD} THEN CAST(e.payload AS BLOB) ELSE e.payload END`,
        alias,
      );
    else q.addSelect(column, alias);
  }
  return q;
}

export async function readHead(manager: EntityManager): Promise<RecordedHead> {
  const head = await manager.findOneBy(AuditHeadEntity, { id: 1 });
  if (!head) throw new Error('audit_head row missing: migrations have not run');
  return { seq: Number(head.seq), hash: head.hash, signature: head.signature ?? null };
}

/**
 * Streams stored events in sequence order, in batches (keyset pagination on seq), from `from` up to and
 * including `to`; only the events of `caseId` when it is given.
 */
export async function* readStoredEvents(
  read: ReadChain,
  range: { from?: number; to: number; caseId?: string | null },
  options: { batchSize?: number; payloadBytes?: boolean } = {},
): AsyncGenerator<StoredEvent<Payload>[]> {
  const batchSize = options.batchSize ?? CHAIN_BATCH_SIZE;
  let after = (range.from ?? 1) - 1;
  for (;;) {
    const rows = await read((m) => {
      const q = selectStored(m, options.payloadBytes ?? false).where('e.seq > :after AND e.seq <= :to', {
        after,
        to: range.to,
      });
      if (range.caseId) q.andWhere('e.case_id = :caseId', { caseId: range.caseId });
      return q.orderBy('e.seq', 'ASC').limit(batchSize).getRawMany<StoredEvent<Payload>>();
    });
    if (rows.length === 0) return;
    for (const row of rows) row.seq = Number(row.seq);
    yield rows;
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1].seq;
  }
}

/**
 * Verifies the stored chain up to the recorded head, its signed heads with `checkSignature`, and the `kept`
 * heads (the witness file, a head an auditor kept from GET /audit/head), which the chain must still contain.
 */
export async function verifyStoredChain(
  read: ReadChain,
  options: {
    checkSignature?: (position: ChainPosition, signature: string) => boolean;
    kept?: readonly KeptHead[];
  } = {},
): Promise<VerifyResult> {
  const head = await read(readHead);
  return verifyChain(readStoredEvents(read, { to: head.seq }, { payloadBytes: true }), {
    head,
    kept: options.kept,
    checkSignature: options.checkSignature,
  });
}
