/**
 * History retention: runs older than `history_days` are deleted in small batches from a background
 * timer, yielding to the event loop between batches, so pruning never delays a fire.
 */
import type { Clock } from './ports.js';
import type { Logger } from '../log.js';
import type { RunRepository } from '../store/runs.js';

/** Rows per DELETE: ~1 ms of work, short enough not to show in the dispatcher's p99. */
export const PRUNE_BATCH = 500;
/** How often retention runs; history is kept in days, so hourly is precise enough. */
export const PRUNE_EVERY_MS = 3_600_000;
/** The first pass waits a minute after start, when the catch-up and restore work is done. */
const FIRST_PRUNE_DELAY_MS = 60_000;
const DAY_MS = 86_400_000;

export class Retention {
  private cancel: (() => void) | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly runs: RunRepository,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly historyDays: number,
    /** Other history kept as long as the runs (ended holds), pruned after them; each returns how many it deleted. */
    private readonly also: ((cutoff: number) => number)[] = [],
  ) {}

  start(): void {
    this.schedule(this.clock.now() + FIRST_PRUNE_DELAY_MS);
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }

  /** Deletes every finished run older than the retention, batch by batch; returns how many. */
  prune(): Promise<number> {
    this.running ??= this.pruneAll().finally(() => (this.running = null));
    return this.running;
  }

  private schedule(at: number): void {
    this.cancel = this.clock.setTimer(at, () => {
      void this.prune().then(() => {
        if (this.cancel) this.schedule(this.clock.now() + PRUNE_EVERY_MS);
      });
    });
  }

  private async pruneAll(): Promise<number> {
    const cutoff = this.clock.now() - this.historyDays * DAY_MS;
    let total = 0;
    try {
      for (let n = this.runs.prune(cutoff, PRUNE_BATCH); n > 0; n = this.runs.prune(cutoff, PRUNE_BATCH)) {
        total += n;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      for (const prune of this.also) total += prune(cutoff);
    } catch (error) {
      this.logger.error({ err: error }, 'pruning old runs failed');
    }
    if (total > 0) this.logger.info({ deleted: total, history_days: this.historyDays }, 'old runs pruned');
    return total;
  }
}
