import { Clock } from '../../src/common/clock';

/** Time that stands still until a test moves it: deadlines are tested by moving the clock, never by sleeping. */
export class MovableClock extends Clock {
  private at: number;

  constructor(start: string | Date) {
    super();
    this.at = new Date(start).getTime();
  }

  override now(): Date {
    return new Date(this.at);
  }

  /** Moves to an instant, given as an ISO string with its offset (e.g. "2026-02-12T10:00:00+08:00"). */
  set(instant: string | Date): Date {
    this.at = new Date(instant).getTime();
    if (Number.isNaN(this.at)) throw new Error(`not an instant: ${String(instant)}`);
    return this.now();
  }
}
