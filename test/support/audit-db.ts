/**
 * Direct access to the audit tables for the tamper tests: what someone with write access to the database
 * (and no key) could do. Parameters are written `?` and numbered for PostgreSQL.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { AuditWitness } from '../../src/audit/audit-witness';
import { canonicalJson, chainHash, type ChainedEvent } from '../../src/audit/audit-hash';
import type { StoredEvent } from '../../src/audit/event-canonical';
import type { TestApp } from './test-app';

const COLUMNS = [
  'seq',
  'occurred_at',
  'actor_id',
  'actor_role',
  'actor_department',
  'action',
  'entity_type',
  'entity_id',
  'case_id',
  'from_state',
  'to_state',
  'payload',
  'prev_hash',
  'hash',
  'head_signature',
] as const;
const FIELDS: (keyof StoredEvent)[] = [
  'seq',
  'occurredAt',
  'actorId',
  'actorRole',
  'actorDepartment',
  'action',
  'entityType',
  'entityId',
  'caseId',
  'fromState',
  'toState',
  'payload',
  'prevHash',
  'hash',
  'headSignature',
];

type Head = { seq: number; hash: string; signature: string | null };

export class AuditDb {
  readonly dataSource: DataSource;
  private readonly witness: AuditWitness;

  constructor(t: TestApp) {
    this.dataSource = t.app.get(DataSource);
    this.witness = t.app.get(AuditWitness);
  }

  private get isPostgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  query<T = unknown>(sql: string, params: unknown[] = []): Promise<T> {
    let n = 0;
    const text = this.isPostgres ? sql.replace(/\?/g, () => `$${++n}`) : sql;
    return this.dataSource.query(text, params) as Promise<T>;
  }

  async events(): Promise<StoredEvent[]> {
    const rows = await this.query<Record<string, unknown>[]>(
      `SELECT ${COLUMNS.join(', ')} FROM audit_events ORDER BY seq`,
    );
    return rows.map(
      (row) =>
        Object.fromEntries(
          COLUMNS.map((c, i) => [FIELDS[i], c === 'seq' ? Number(row[c]) : row[c]]),
        ) as unknown as StoredEvent,
    );
  }

  async event(seq: number): Promise<StoredEvent> {
    const found = (await this.events()).find((e) => e.seq === seq);
    if (!found) throw new Error(`no event ${seq}`);
    return found;
  }

  async head(): Promise<{ seq: number; hash: string }> {
    const { seq, hash } = await this.signedHead();
    return { seq, hash };
  }

  async signedHead(): Promise<Head> {
    const [row] = await this.query<Head[]>('SELECT seq, hash, signature FROM audit_head WHERE id = 1');
    return { seq: Number(row.seq), hash: row.hash, signature: row.signature };
  }

  /** Moves the head; its signature stays what it was unless one is given (a forger has none to give). */
  async setHead(seq: number, hash: string, signature?: string | null): Promise<void> {
    if (signature === undefined)
      await this.query('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1', [seq, hash]);
    else
      await this.query('UPDATE audit_head SET seq = ?, hash = ?, signature = ? WHERE id = 1', [
        seq,
        hash,
        signature,
      ]);
  }

  async insert(e: StoredEvent): Promise<void> {
    await this.query(
      `INSERT INTO audit_events (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`,
      FIELDS.map((f) => e[f]),
    );
  }

  /** Everything about an event but its seq, from another event. */
  async overwrite(seq: number, content: StoredEvent): Promise<void> {
    const sets = COLUMNS.slice(1)
      .map((c) => `${c} = ?`)
      .join(', ');
    await this.query(`UPDATE audit_events SET ${sets} WHERE seq = ?`, [
      ...FIELDS.slice(1).map((f) => content[f]),
      seq,
    ]);
  }

  // ---- the five ways ------------------------------------------------------------------------------

  async changePayload(seq: number, payload: string): Promise<void> {
    await this.query('UPDATE audit_events SET payload = ? WHERE seq = ?', [payload, seq]);
  }

  async deleteEvent(seq: number): Promise<void> {
    await this.query('DELETE FROM audit_events WHERE seq = ?', [seq]);
  }

  /**
   * A forged event at `seq`, linked to the real predecessor and hashed like a real one; the events from
   * `seq` on move one place down (through negative numbers: a unique key is checked row by row) and the
   * head follows, as a careful forger would leave it.
   */
  async insertForged(seq: number, forged: Omit<ChainedEvent, 'seq'>): Promise<void> {
    const prev = (await this.event(seq - 1)).hash;
    await this.query('UPDATE audit_events SET seq = -(seq + 1) WHERE seq >= ?', [seq]);
    await this.query('UPDATE audit_events SET seq = -seq WHERE seq < 0');
    const event: ChainedEvent = { ...forged, seq };
    await this.insert({
      ...event,
      payload: JSON.stringify(event.payload),
      prevHash: prev,
      hash: chainHash(prev, event),
    });
    const head = await this.head();
    await this.setHead(head.seq + 1, head.hash);
  }

  /** Two events trade places: each row keeps its seq and takes the other's content and hashes. */
  async swap(a: number, b: number): Promise<void> {
    const [ea, eb] = [await this.event(a), await this.event(b)];
    await this.overwrite(a, eb);
    await this.overwrite(b, ea);
  }

  /**
   * Cuts the chain after `seq` and moves the head back to it, as a careful forger would: when `seq` ended a
   * commit, its signed head is copied to the head row, so everything left in the database verifies.
   */
  async truncateAfter(seq: number): Promise<void> {
    await this.query('DELETE FROM audit_events WHERE seq > ?', [seq]);
    const last = await this.event(seq);
    await this.setHead(seq, last.hash, last.headSignature ?? null);
  }

  /** The last event that ended a commit (carries a signed head) at or before `seq`. */
  async lastSignedAtOrBefore(seq: number): Promise<number> {
    const signed = (await this.events()).filter((e) => e.seq <= seq && e.headSignature);
    return signed[signed.length - 1].seq;
  }

  /**
   * Appends a correctly hashed event after the head and moves the head onto it, as someone with write
   * access to the database alone can: the head keeps its old signature, since no new one can be made.
   */
  async appendForged(forged: Omit<ChainedEvent, 'seq'>): Promise<number> {
    const head = await this.head();
    const event: ChainedEvent = { ...forged, seq: head.seq + 1 };
    const hash = chainHash(head.hash, event);
    await this.insert({ ...event, payload: canonicalJson(event.payload), prevHash: head.hash, hash });
    await this.setHead(event.seq, hash);
    return event.seq;
  }

  // ---- undo ---------------------------------------------------------------------------------------

  /** The witness file as the service wrote it (after every commit so far). */
  async witnessText(): Promise<string | null> {
    await this.witness.flush();
    return this.witness.file && existsSync(this.witness.file)
      ? readFileSync(this.witness.file, 'utf8')
      : null;
  }

  async deleteWitness(): Promise<void> {
    await this.witness.flush();
    if (this.witness.file) rmSync(this.witness.file, { force: true });
  }

  async snapshot(): Promise<{ events: StoredEvent[]; head: Head; witness: string | null }> {
    return { events: await this.events(), head: await this.signedHead(), witness: await this.witnessText() };
  }

  /** The events, the head and the witness file as they were. */
  async restore(snapshot: { events: StoredEvent[]; head: Head; witness: string | null }): Promise<void> {
    await this.query('DELETE FROM audit_events');
    for (const e of snapshot.events) await this.insert(e);
    await this.setHead(snapshot.head.seq, snapshot.head.hash, snapshot.head.signature);
    await this.witness.flush();
    if (this.witness.file && snapshot.witness !== null) writeFileSync(this.witness.file, snapshot.witness);
  }
}
