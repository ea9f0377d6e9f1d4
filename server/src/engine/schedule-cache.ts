/**
 * Parsed schedules in memory, loaded lazily from the store and updated by the engine's own writes
 * (the engine is the only writer). The store stays the source of truth: a failed transaction drops
 * the entries it touched, and they are read again on next use. Cold start parses nothing: the
 * dispatcher is armed from `next_run_at` alone.
 */
import type { ScheduleRecord, ScheduleRepository } from '../store/schedules.js';
import { UnknownScheduleError } from './errors.js';

/** Schedules parsed per slice of the background warm-up: a few milliseconds, then the event loop gets a turn. */
const WARM_SLICE = 250;

export class ScheduleCache {
  private readonly records = new Map<string, ScheduleRecord>();
  private complete = false;

  constructor(private readonly repo: ScheduleRepository) {}

  get(id: string): ScheduleRecord | undefined {
    let record = this.records.get(id);
    if (!record && !this.complete) {
      record = this.repo.get(id);
      if (record) this.records.set(id, record);
    }
    return record;
  }

  /** The schedule, or UnknownScheduleError. */
  require(id: string): ScheduleRecord {
    const record = this.get(id);
    if (!record) throw new UnknownScheduleError(id);
    return record;
  }

  /** Every schedule (loads the rest on first use). */
  all(): ScheduleRecord[] {
    if (!this.complete) {
      for (const record of this.repo.all()) if (!this.records.has(record.id)) this.records.set(record.id, record);
      this.complete = true;
    }
    return [...this.records.values()];
  }

  /**
   * Parses every schedule in the background, slice by slice, so the first full listing (the panel's
   * schedule list) does not pay for 10,000 parses at once. `stopped()` ends it early.
   */
  async warm(stopped: () => boolean): Promise<void> {
    let after = '';
    while (!this.complete && !stopped()) {
      const slice = this.repo.page(after, WARM_SLICE);
      for (const record of slice) if (!this.records.has(record.id)) this.records.set(record.id, record);
      if (slice.length < WARM_SLICE) {
        this.complete = true;
        break;
      }
      after = slice.at(-1)!.id;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  put(record: ScheduleRecord): void {
    this.records.set(record.id, record);
  }

  remove(id: string): void {
    this.records.delete(id);
  }

  /** Forgets entries so they are read from the store again (after a rolled-back transaction). */
  invalidate(ids: Iterable<string>): void {
    for (const id of ids) this.records.delete(id);
    this.complete = false;
  }
}
