import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { AuditTrail } from '../audit/audit-trail';
import { storedEventHash } from '../audit/event-canonical';
import { authorize } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { IssuedReportEntity } from './issued-report.entity';

/** What a report is about, as recorded with its hash. */
export interface ReportSubject {
  kind: IssuedReportEntity['kind'];
  id: string;
  /** The case the report belongs to, so the event shows in the case's trail; null for an assessment. */
  caseId: string | null;
  version: number;
  lang: string;
  interim: boolean;
}

export interface ReportVerification {
  sha256: string;
  verified: boolean;
  report?: {
    kind: string;
    subjectId: string;
    reportVersion: number;
    lang: string;
    interim: boolean;
    issuedAt: string;
  };
  /** The report.issued event: its place in the audit chain and its hash, recomputed from the stored event. */
  chain?: { seq: number; hash: string; prevHash: string };
}

const AUDIT_ENTITY_TYPE: Record<IssuedReportEntity['kind'], string> = {
  evaluation: 'evaluation',
  assessment: 'assessment',
  'key-field': 'key-field-report',
};

/**
 * Issues reports: the first time a PDF's bytes are handed out, a `report.issued` event with their SHA-256
 * goes into the audit chain, in one unit of work with the row that finds it by hash. The same bytes
 * again (the same case state) are already issued and record nothing new. Verification answers from the
 * chain: a hash verifies only if its report.issued event is there and hashes to what the chain says.
 */
@Injectable()
export class ReportIssuer {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async issue(
    actor: Principal,
    pdf: Buffer,
    subject: ReportSubject,
  ): Promise<{ sha256: string; seq: number }> {
    const sha256 = sha256Of(pdf);
    const known = await this.find(sha256);
    if (known) return { sha256, seq: known.auditSeq };
    try {
      return await this.uow.write((m) => this.record(m, actor, this.clock.now(), pdf, subject));
    } catch (error) {
      // Two requests issued the same bytes at once: the other one's row and event stand, this one rolled back.
      const other = await this.find(sha256);
      if (other) return { sha256, seq: other.auditSeq };
      throw error;
    }
  }

  /**
   * Records the issue inside the caller's unit of work, for a PDF issued as part of a command (a key-field
   * report at publication): the event and the row commit with the command or not at all.
   */
  async record(
    m: EntityManager,
    actor: Principal,
    at: Date,
    pdf: Buffer,
    subject: ReportSubject,
  ): Promise<{ sha256: string; seq: number }> {
    const sha256 = sha256Of(pdf);
    await this.audit.append(m, actor, at, [
      {
        action: 'report.issued',
        entityType: AUDIT_ENTITY_TYPE[subject.kind],
        entityId: subject.id,
        caseId: subject.caseId,
        payload: {
          sha256,
          kind: subject.kind,
          reportVersion: subject.version,
          lang: subject.lang,
          interim: subject.interim,
          bytes: pdf.length,
        },
      },
    ]);
    const event = await m.findOne(AuditEventEntity, {
      where: { action: 'report.issued', entityId: subject.id },
      order: { seq: 'DESC' },
    });
    await m.insert(IssuedReportEntity, {
      sha256,
      kind: subject.kind,
      subjectId: subject.id,
      reportVersion: subject.version,
      lang: subject.lang,
      interim: subject.interim,
      auditSeq: event!.seq,
      issuedAt: at.toISOString(),
    });
    return { sha256, seq: event!.seq };
  }

  async verify(actor: Principal, sha256: string): Promise<ReportVerification> {
    authorize(actor, 'report.verify');
    if (!/^[0-9a-f]{64}$/.test(sha256)) {
      throw new DomainError('request.invalid', 'The hash is not a SHA-256', {
        errors: [
          {
            field: 'sha256',
            reason: 'must be 64 lowercase hexadecimal characters',
            zh: '须为 64 位小写十六进制字符',
          },
        ],
      });
    }
    const found = await this.uow.read(async (m) => {
      const row = await m.findOneBy(IssuedReportEntity, { sha256 });
      const event = row ? await m.findOneBy(AuditEventEntity, { seq: row.auditSeq }) : null;
      return { row, event };
    });
    const { row, event } = found;
    if (!row || !event || !issuedBy(event, sha256)) return { sha256, verified: false };
    return {
      sha256,
      verified: true,
      report: {
        kind: row.kind,
        subjectId: row.subjectId,
        reportVersion: row.reportVersion,
        lang: row.lang,
        interim: Boolean(row.interim),
        issuedAt: row.issuedAt,
      },
      chain: { seq: event.seq, hash: event.hash, prevHash: event.prevHash },
    };
  }

  verifyBytes(actor: Principal, pdf: Buffer): Promise<ReportVerification> {
    if (!Buffer.isBuffer(pdf) || pdf.length === 0) {
      throw new DomainError('request.invalid', 'Send the PDF as the request body', {
        errors: [
          {
            field: 'body',
            reason: 'must be the bytes of a PDF (Content-Type: application/pdf)',
            zh: '须为 PDF 文件的字节（Content-Type: application/pdf）',
          },
        ],
      });
    }
    return this.verify(actor, sha256Of(pdf));
  }

  private find(sha256: string): Promise<IssuedReportEntity | null> {
    return this.uow.read((m) => m.findOneBy(IssuedReportEntity, { sha256 }), { singleStatement: true });
  }
}

function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The event is a report.issued for this hash, and it hashes to the hash the chain holds for it. */
function issuedBy(event: AuditEventEntity, sha256: string): boolean {
  if (event.action !== 'report.issued') return false;
  const payload = JSON.parse(event.payload) as { sha256?: unknown };
  return payload.sha256 === sha256 && storedEventHash(event) === event.hash;
}
