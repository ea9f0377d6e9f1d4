/**
 * The database's background upkeep: a WAL checkpoint every minute (automatic ones are off,
 * store/db.ts), kept clear of the engine's timed work. A checkpoint writes the past minute's pages
 * into the database file and syncs it: 10–15 ms on this machine, more on a Pi's SD card, and the
 * event loop waits for it. Landing between a fire's preparation and its instant, it would make the
 * calls that late; so it starts only when nothing is due for a while, right after the work that was.
 */
import type { Clock } from '../engine/ports.js';

/** How often the WAL is folded into the database file. */
export const CHECKPOINT_EVERY_MS = 60_000;
/** A checkpoint starts only when the engine has nothing timed within this long. */
export const CHECKPOINT_ROOM_MS = 200;
/** A busy engine delays a checkpoint by at most this long: the WAL must not grow without end. */
export const CHECKPOINT_MAX_DELAY_MS = 10_000;
/** After the engine's timed work, this long for its bookkeeping before looking for room again. */
const AFTER_WORK_MS = 20;

export interface CheckpointDeps {
  clock: Clock;
  checkpoint: () => void;
  /** When the engine next has timed work (a fire's preparation, calls at an instant, a step); null: none planned. */
  busyAt: () => number | null;
}

export class Checkpoints {
  private cancel: (() => void) | null = null;

  constructor(private readonly deps: CheckpointDeps) {}

  start(): void {
    this.stop();
    this.arm(this.deps.clock.now() + CHECKPOINT_EVERY_MS);
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }

  private arm(at: number, since = at): void {
    this.cancel = this.deps.clock.setTimer(at, () => this.due(since));
  }

  private due(since: number): void {
    const now = this.deps.clock.now();
    const busy = this.deps.busyAt();
    if (busy !== null && busy - now < CHECKPOINT_ROOM_MS && now - since < CHECKPOINT_MAX_DELAY_MS) {
      this.arm(Math.max(busy, now) + AFTER_WORK_MS, since);
      return;
    }
    this.deps.checkpoint();
    this.arm(now + CHECKPOINT_EVERY_MS);
  }
}
