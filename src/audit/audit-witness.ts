import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { HEAD_SIGNING_KEY, type HeadSigningKey } from './head-signing-key';
import type { SignedHead } from './signed-head';
import type { KeptHead } from './verify-chain';

export const WITNESS_FORMAT = 'ipr-audit-witness/1';

/** The witness file the configuration names: IPR_AUDIT_WITNESS_FILE, or beside the signing key. */
export function witnessFileOf(
  config: Pick<AppConfig, 'IPR_AUDIT_WITNESS_FILE'>,
  keyFile: string | null,
): string | null {
  return config.IPR_AUDIT_WITNESS_FILE ?? (keyFile ? `${keyFile}.witness.json` : null);
}

/** Reads a witness file as a kept head; null when there is none yet. Throws on a file that is not one. */
export function readWitnessFile(file: string | null): KeptHead | null {
  if (!file || !existsSync(file)) return null;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<SignedHead> & { format?: string };
  if (
    parsed.format !== WITNESS_FORMAT ||
    !Number.isSafeInteger(parsed.seq) ||
    typeof parsed.hash !== 'string' ||
    typeof parsed.signature !== 'string'
  )
    throw new Error(`${file} is not an ${WITNESS_FORMAT} file`);
  return { seq: parsed.seq!, hash: parsed.hash, signature: parsed.signature, source: 'the witness file' };
}

/**
 * A copy of the latest signed chain head outside the database, written after each commit (so it may lag
 * the chain, never lead it). A tail cut from the database together with its signatures still verifies
 * by itself; it does not contain the witnessed head, and verification requires that it does.
 *
 * Writes happen in the background, one at a time, always of the newest head committed so far (heads that
 * commit while a write runs are coalesced), by writing a temporary file and renaming it over the witness
 * (atomic: a reader never sees half a file). The witness never goes back: a head below the one already
 * witnessed (after a restore, or from a slower instance) is not written.
 */
@Injectable()
export class AuditWitness implements OnModuleDestroy {
  private readonly logger = new Logger('AuditWitness');
  readonly file: string | null;
  private witnessedSeq: number;
  private pending: SignedHead | null = null;
  private writing: Promise<void> | null = null;

  constructor(
    @Inject(HEAD_SIGNING_KEY) key: HeadSigningKey,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'IPR_AUDIT_WITNESS_FILE'>,
  ) {
    this.file = witnessFileOf(config, key.file);
    let seq = 0;
    try {
      seq = readWitnessFile(this.file)?.seq ?? 0;
    } catch (error) {
      this.logger.warn(`The witness file is unreadable and will be replaced: ${String(error)}`);
    }
    this.witnessedSeq = seq;
  }

  /** A head that has committed. */
  committed(head: SignedHead): void {
    if (!this.file || head.seq <= this.witnessedSeq) return;
    this.witnessedSeq = head.seq;
    this.pending = head;
    this.writing ??= this.drain();
  }

  /** Resolves once every head committed so far is in the file. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  read(): KeptHead | null {
    return readWitnessFile(this.file);
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush();
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending) {
        const head = this.pending;
        this.pending = null;
        await Promise.resolve(); // let commits that land meanwhile coalesce into one write
        const text = `${JSON.stringify({ format: WITNESS_FORMAT, seq: head.seq, hash: head.hash, signature: head.signature })}\n`;
        const temporary = `${this.file}.${process.pid}.tmp`;
        try {
          writeFileSync(temporary, text);
          renameSync(temporary, this.file!);
        } catch (error) {
          this.logger.error(`The witness file was not written: ${String(error)}`);
        }
      }
    } finally {
      this.writing = null;
    }
  }
}
