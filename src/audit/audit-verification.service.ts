import { Inject, Injectable } from '@nestjs/common';
import { authorize } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import type { AuditVerifyQuery } from './audit-events.query';
import { AuditTrail } from './audit-trail';
import { AuditWitness } from './audit-witness';
import { HEAD_SIGNING_KEY, type HeadSigningKey, type PublishedKey } from './head-signing-key';
import { HEAD_SIGNATURE_ALGORITHM, headSignatureValid, type SignedHead } from './signed-head';
import { verifyStoredChain } from './stored-chain';
import type { KeptHead, VerifyResult } from './verify-chain';

export type VerificationReport = VerifyResult & {
  keptHead: SignedHead | null;
  witness: SignedHead | null;
  durationMs: number;
};

export type SignedHeadView = SignedHead & { algorithm: typeof HEAD_SIGNATURE_ALGORITHM; keyId: string };

/** GET /audit/verify, /audit/head and /audit/public-key. None is recorded in the trail: they read no case. */
@Injectable()
export class AuditVerificationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly trail: AuditTrail,
    private readonly witness: AuditWitness,
    @Inject(HEAD_SIGNING_KEY) private readonly key: HeadSigningKey,
  ) {}

  /** The current chain head, signed at its commit; on a fresh service the empty chain's head (seq 0). */
  async head(actor: Principal): Promise<SignedHeadView> {
    authorize(actor, 'audit.read');
    const head = await this.uow.read((m) => this.trail.signedHead(m), { singleStatement: true });
    return { ...head, algorithm: HEAD_SIGNATURE_ALGORITHM, keyId: head.signature.split(':')[0] };
  }

  /** The keys that verify signed heads: the current one and any retired ones. Public by nature. */
  publicKeys(actor: Principal): { keys: PublishedKey[] } {
    authorize(actor, 'audit.public-key');
    return { keys: this.key.published };
  }

  /**
   * Walks the whole chain against its recorded head and every signature, the witness file, and a head the
   * auditor kept (from GET /audit/head) when one is given: a chain cut back cannot fool either.
   */
  async verify(actor: Principal, query: AuditVerifyQuery): Promise<VerificationReport> {
    authorize(actor, 'audit.read');
    const keptHead = keptHeadOf(query);
    const started = process.hrtime.bigint();
    // The witness is read before the chain's head: it may lag the head, never lead it.
    const witness = this.witness.read();
    const kept: KeptHead[] = [
      ...(witness ? [witness] : []),
      ...(keptHead ? [{ ...keptHead, source: 'the head you kept' }] : []),
    ];
    const result = await verifyStoredChain(this.uow.read.bind(this.uow), {
      checkSignature: (position, signature) => headSignatureValid(this.key.trusted, position, signature),
      kept,
    });
    return {
      ...result,
      keptHead,
      witness: witness && { seq: witness.seq, hash: witness.hash, signature: witness.signature },
      durationMs: Number((process.hrtime.bigint() - started) / 1_000_000n),
    };
  }
}

function keptHeadOf(q: AuditVerifyQuery): SignedHead | null {
  const given = [q.seq, q.hash, q.signature].filter((v) => v !== undefined).length;
  if (given === 0) return null;
  if (given < 3) {
    const missing = (['seq', 'hash', 'signature'] as const).find((f) => q[f] === undefined)!;
    throw new DomainError('request.invalid', 'A kept head needs seq, hash and signature together', {
      errors: [
        {
          field: missing,
          reason: 'required with the other parts of a head kept from GET /audit/head',
          zh: '须与从 GET /audit/head 保存的签名头的其他部分一并提供',
        },
      ],
    });
  }
  return { seq: q.seq!, hash: q.hash!, signature: q.signature! };
}
