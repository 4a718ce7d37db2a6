import { Inject, Injectable } from '@nestjs/common';
import { authorize } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import type { AuditVerifyQuery } from './audit-events.query';
import { AuditCheckpoints } from './audit-checkpoints';
import { AUDIT_KEY, type AuditKey } from './audit-key';
import { CHECKPOINT_ALGORITHM, checkpointSignatureValid } from './checkpoint-signature';
import { verifyStoredChain } from './stored-chain';
import type { SignedCheckpoint, VerifyResult } from './verify-chain';

export type VerificationReport = VerifyResult & { keptHead: SignedCheckpoint | null; durationMs: number };

/** GET /audit/verify and GET /audit/head. Neither is recorded in the trail: they read the chain, no case. */
@Injectable()
export class AuditVerificationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly checkpoints: AuditCheckpoints,
    @Inject(AUDIT_KEY) private readonly auditKey: AuditKey,
  ) {}

  /** The latest signed head; 404 until the first checkpoint (the head is signed periodically once it moved). */
  async head(actor: Principal): Promise<SignedCheckpoint & { algorithm: string }> {
    authorize(actor, 'audit.read');
    const latest = await this.checkpoints.latest();
    if (!latest)
      throw new DomainError(
        'resource.not-found',
        'No signed checkpoint yet: the service signs the chain head periodically once it has moved',
      );
    return { ...latest, algorithm: CHECKPOINT_ALGORITHM };
  }

  /**
   * Walks the whole chain against its recorded head and every signed checkpoint, plus a head the auditor
   * kept (from GET /audit/head) when one is given: a chain cut back and re-signed cannot fool a kept head.
   */
  async verify(actor: Principal, query: AuditVerifyQuery): Promise<VerificationReport> {
    authorize(actor, 'audit.read');
    const keptHead = keptHeadOf(query);
    const started = process.hrtime.bigint();
    const result = await verifyStoredChain(this.uow.read.bind(this.uow), {
      checkSignature: (cp) => checkpointSignatureValid(this.auditKey.key, cp),
      kept: keptHead ? [keptHead] : [],
    });
    return { ...result, keptHead, durationMs: Number((process.hrtime.bigint() - started) / 1_000_000n) };
  }
}

function keptHeadOf(q: AuditVerifyQuery): SignedCheckpoint | null {
  const given = [q.seq, q.hash, q.recordedAt, q.signature].filter((v) => v !== undefined).length;
  if (given === 0) return null;
  if (given < 4) {
    throw new DomainError(
      'request.invalid',
      'A kept head needs seq, hash, recordedAt and signature together',
      {
        errors: [
          {
            field: 'seq',
            reason:
              'give seq, hash, recordedAt and signature of a head from GET /audit/head, or none of them',
          },
        ],
      },
    );
  }
  return { seq: q.seq!, hash: q.hash!, recordedAt: q.recordedAt!, signature: q.signature! };
}
