import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { AuditCheckpointEntity } from './audit-checkpoint.entity';
import { AUDIT_KEY, type AuditKey } from './audit-key';
import { signCheckpoint } from './checkpoint-signature';
import { latestCheckpoint, readHead } from './stored-chain';
import type { SignedCheckpoint } from './verify-chain';

/**
 * Signs the chain head every IPR_AUDIT_CHECKPOINT_SECONDS when it moved. With several instances each one
 * runs the timer; two that sign the same head insert it once (the sequence number is the key, the second
 * insert is ignored), and a checkpoint only ever records a committed head, so racing instances can add a
 * redundant checkpoint but never a wrong one.
 */
@Injectable()
export class AuditCheckpoints implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AuditCheckpoints');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    @Inject(AUDIT_KEY) private readonly auditKey: AuditKey,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.logger.log(
      `Audit checkpoints signed with the key from ${this.auditKey.source}${this.auditKey.file ? ` (${this.auditKey.file})` : ''}`,
    );
    const seconds = this.config.IPR_AUDIT_CHECKPOINT_SECONDS;
    if (seconds > 0) {
      this.timer = setInterval(() => void this.tick(), seconds * 1000);
      this.timer.unref(); // never keeps a process alive on its own
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running; // let a checkpoint being written finish before the connection closes
  }

  /** Signs the current head unless it is already signed; returns the checkpoint of that head, or null. */
  async record(): Promise<SignedCheckpoint | null> {
    return this.uow.write(async (m) => {
      const head = await readHead(m);
      const latest = await latestCheckpoint(m);
      if (head.seq === 0 || (latest && latest.seq >= head.seq)) return null;
      const checkpoint = signCheckpoint(this.auditKey.key, head, this.clock.now().toISOString());
      await m
        .createQueryBuilder()
        .insert()
        .into(AuditCheckpointEntity)
        .values(checkpoint)
        .orIgnore()
        .execute();
      return latestCheckpoint(m); // ours, or the same head signed by another instance a moment earlier
    });
  }

  /** The latest signed head, for auditors to keep. */
  latest(): Promise<SignedCheckpoint | null> {
    return this.uow.read(latestCheckpoint);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.record().catch((error: unknown) =>
      this.logger.error(`Checkpoint failed: ${error instanceof Error ? error.message : String(error)}`),
    );
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }
}
