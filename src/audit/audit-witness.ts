import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { setTimeout } from 'node:timers/promises';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { HEAD_SIGNING_KEY, type HeadSigningKey } from './head-signing-key';
import type { SignedHead } from './signed-head';
import type { KeptHead } from './verify-chain';

export const WITNESS_FORMAT = 'ipr-audit-witness/1';

/** The witness lags the chain by at most about this much under load. */
const MIN_WRITE_INTERVAL_MS = 50;

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
 * Writes happen in the background, off the event loop, one at a time and at most one per
 * MIN_WRITE_INTERVAL_MS, always of the newest head committed so far (heads that commit meanwhile are
 * coalesced), by writing a temporary file and renaming it over the witness
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
        const text = `${JSON.stringify({ format: WITNESS_FORMAT, seq: head.seq, hash: head.hash, signature: head.signature })}\n`;
        const temporary = `${this.file}.${process.pid}.tmp`;
        try {
          await writeFile(temporary, text);
          await rename(temporary, this.file!);
        } catch (error) {
          this.logger.error(`The witness file was not written: ${String(error)}`);
        }
        // Heads that commit meanwhile coalesce into the next write: under load a few writes a second, not
        // one per commit (each a rename the file system journals).
        if (this.pending) await setTimeout(MIN_WRITE_INTERVAL_MS);
      }
    } finally {
      this.writing = null;
    }
  }
}
