import { Inject, Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { authorize } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { UnitOfWork } from '../database/unit-of-work';
import { AuditEventEntity } from './audit-event.entity';
import type { AuditExportQuery } from './audit-events.query';
import { GENESIS_HASH } from './audit-hash';
import { AuditTrail } from './audit-trail';
import { exportLine } from './event-canonical';
import { HEAD_SIGNING_KEY, type HeadSigningKey, type PublishedKey } from './head-signing-key';
import { HEAD_SIGNATURE_ALGORITHM, type SignedHead } from './signed-head';
import { readHead, readStoredEvents, type ReadChain } from './stored-chain';

export const EXPORT_FORMAT = 'ipr-audit-export/2';

/** The first line of every export: what it holds and what to check it against. */
export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  caseId: string | null;
  range: { from: number; to: number };
  /** The hash the first exported event links to (the event before `from`; the genesis hash before seq 1). Whole-chain exports only. */
  anchor: { seq: number; hash: string } | null;
  /** The signed chain head when the export started (before the export's own event). */
  signedHead: SignedHead & { algorithm: typeof HEAD_SIGNATURE_ALGORITHM };
  /** The keys that verify every headSignature in the file: check them against GET /audit/public-key. */
  publicKeys: PublishedKey[];
  hash: string;
  signature: string;
}

export interface NdjsonExport {
  filename: string;
  stream: Readable;
}

/**
 * NDJSON exports of the chain: a header line (ExportHeader), then one line per event in sequence order,
 * each the canonical JSON of the stored event with `prevHash` and `hash` (event-canonical.ts exportLine).
 * The events are read in batches while the response streams, so an export of any size runs in constant
 * memory. Exports are recorded in the trail before the first byte goes out.
 */
@Injectable()
export class AuditExportService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(HEAD_SIGNING_KEY) private readonly key: HeadSigningKey,
  ) {}

  /** A range of the whole chain (sequence numbers, inclusive): the unit an auditor verifies link by link. */
  async exportRange(actor: Principal, query: AuditExportQuery): Promise<NdjsonExport> {
    authorize(actor, 'audit.read');
    const at = this.clock.now();
    const { header } = await this.uow.write(async (m) => {
      const head = await readHead(m);
      const from = query.from ?? 1;
      const to = Math.min(query.to ?? head.seq, head.seq);
      const before =
        from <= 1
          ? null
          : await m.findOne(AuditEventEntity, {
              where: { seq: from - 1 },
              select: { seq: true, hash: true },
            });
      const anchor =
        from <= 1 ? { seq: 0, hash: GENESIS_HASH } : before ? { seq: before.seq, hash: before.hash } : null;
      const header = await this.header(m, at, null, { from, to }, anchor);
      // The export itself joins the chain after the exported range.
      await this.audit.append(m, actor, at, [
        { action: 'audit.exported', entityType: 'audit-chain', entityId: 'chain', payload: { from, to } },
      ]);
      return { header };
    });
    return { filename: `audit-${header.range.from}-${header.range.to}.ndjson`, stream: this.stream(header) };
  }

  /**
   * Every event of one case. They are not adjacent in the chain: each line verifies by its own hash. The
   * chain knows case ids only: finding the case and recording that it was read is the caller's part.
   */
  async exportCase(actor: Principal, caseId: string): Promise<NdjsonExport> {
    authorize(actor, 'audit.read');
    const header = await this.uow.read(async (m) =>
      this.header(m, this.clock.now(), caseId, { from: 1, to: (await readHead(m)).seq }, null),
    );
    return { filename: `audit-case-${caseId}.ndjson`, stream: this.stream(header) };
  }

  private async header(
    m: EntityManager,
    at: Date,
    caseId: string | null,
    range: { from: number; to: number },
    anchor: { seq: number; hash: string } | null,
  ): Promise<ExportHeader> {
    const signedHead = await this.audit.signedHead(m);
    return {
      format: EXPORT_FORMAT,
      exportedAt: at.toISOString(),
      caseId,
      range,
      anchor,
      signedHead: { ...signedHead, algorithm: HEAD_SIGNATURE_ALGORITHM },
      publicKeys: this.key.published,
      hash: 'sha256(prevHash + canonical JSON (RFC 8785) of the line without hash, headSignature and prevHash)',
      signature:
        'headSignature and signedHead.signature: "<keyId>:" + base64 Ed25519 signature of the ASCII text "ipr-audit-head/1 <seq> <hash>"',
    };
  }

  private stream(header: ExportHeader): Readable {
    const read: ReadChain = (work) => this.uow.read(work);
    const range = { ...header.range, caseId: header.caseId };
    async function* lines(): AsyncGenerator<string> {
      yield `${JSON.stringify(header)}\n`;
      for await (const batch of readStoredEvents(read, range, { batchSize: 2000 })) {
        let chunk = '';
        for (const event of batch) chunk += `${exportLine(event)}\n`;
        yield chunk;
      }
    }
    return Readable.from(lines(), { objectMode: false });
  }
}
