import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** One fixed window of a minute per bucket: the count after this hit. */
export const RATE_WINDOW_MS = 60_000;

/**
 * Where the rate-limit counters live. PostgreSQL: in the database every instance shares (table
 * rate_limit_windows, one atomic upsert-increment per request), so a limit means the same with one
 * instance or four, without another service to run. SQLite: in memory, since one process owns the file.
 * Old windows are swept once a minute.
 */
@Injectable()
export class RateLimitStore implements OnModuleDestroy {
  private readonly local = new Map<string, number>(); // `${windowStart}:${bucket}` -> hits
  private readonly postgres: boolean;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly dataSource: DataSource) {
    this.postgres = dataSource.options.type === 'postgres';
    this.sweeper = setInterval(() => void this.sweep(Date.now()), RATE_WINDOW_MS);
    this.sweeper.unref();
  }

  /** Counts one request in `bucket` for the window holding `now`; returns the hits so far and the window's end. */
  async hit(bucket: string, now: number): Promise<{ hits: number; resetAt: number }> {
    const windowStart = now - (now % RATE_WINDOW_MS);
    const resetAt = windowStart + RATE_WINDOW_MS;
    if (!this.postgres) {
      const key = `${windowStart}:${bucket}`;
      const hits = (this.local.get(key) ?? 0) + 1;
      this.local.set(key, hits);
      return { hits, resetAt };
    }
    const rows: { hits: number | string }[] = await this.dataSource.query(
      `INSERT INTO rate_limit_windows (bucket, window_start, hits) VALUES ($1, $2, 1)
       ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
       RETURNING hits`,
      [bucket, windowStart],
    );
    return { hits: Number(rows[0].hits), resetAt };
  }

  async sweep(now: number): Promise<void> {
    const current = now - (now % RATE_WINDOW_MS);
    if (!this.postgres) {
      for (const key of this.local.keys())
        if (Number(key.slice(0, key.indexOf(':'))) < current) this.local.delete(key);
      return;
    }
    try {
      await this.dataSource.query('DELETE FROM rate_limit_windows WHERE window_start < $1', [current]);
    } catch {
      // A sweep that fails (the pool closing at shutdown) is retried at the next one; counts stay right.
    }
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }
}
