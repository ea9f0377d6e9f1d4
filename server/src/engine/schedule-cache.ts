/**
 * Parsed schedules in memory, loaded from the store on first use and updated by the engine's own
 * writes (the engine is the only writer). The store stays the source of truth: a failed
 * transaction drops the entries it touched, and they are read again on next use.
 *
 * Nothing loads every schedule: cold start arms the dispatcher from `next_run_at` alone, and
 * lists are answered by SQLite (schedule-list.ts). An entry (about 0.9 KB) exists only for a
 * schedule the engine has fired, edited or looked at since it started.
 */
import type { ScheduleRecord, ScheduleRepository } from '../store/schedules.js';
import { UnknownScheduleError } from './errors.js';

/**
 * Schedules read and parsed per statement when many are wanted at once: bounds what is parsed at
 * once. Small enough that a slice dies young (500 parsed records, ~2 MB, outlived the 2 MB young
 * generation and were copied to the old one, where they stayed as garbage until V8 shrank it).
 */
export const READ_SLICE = 50;

export class ScheduleCache {
  private readonly records = new Map<string, ScheduleRecord>();

  constructor(private readonly repo: ScheduleRepository) {}

  get(id: string): ScheduleRecord | undefined {
    let record = this.records.get(id);
    if (!record) {
      record = this.repo.get(id);
      if (record) this.records.set(id, record);
    }
    return record;
  }

  /**
   * The schedules of these ids that exist, by id, kept like `get` does; those not cached yet are
   * read `slice` per statement rather than one statement each (hundreds at a start).
   */
  getMany(ids: readonly string[], slice = READ_SLICE): Map<string, ScheduleRecord> {
    const out = new Map<string, ScheduleRecord>();
    const missing: string[] = [];
    for (const id of ids) {
      const record = this.records.get(id);
      if (record) out.set(id, record);
      else missing.push(id);
    }
    for (let i = 0; i < missing.length; i += slice) {
      for (const record of this.repo.getMany(missing.slice(i, i + slice))) {
        this.records.set(record.id, record);
        out.set(record.id, record);
      }
    }
    return out;
  }

  /** The cached record, else a freshly parsed one that is not kept (reads that need no identity: views, previews, imports). */
  read(id: string): ScheduleRecord | undefined {
    return this.records.get(id) ?? this.repo.get(id);
  }

  /** The cached record, if there is one (nothing is read). */
  peek(id: string): ScheduleRecord | undefined {
    return this.records.get(id);
  }

  has(id: string): boolean {
    return this.records.has(id);
  }

  /** The schedule, or UnknownScheduleError. */
  require(id: string): ScheduleRecord {
    const record = this.get(id);
    if (!record) throw new UnknownScheduleError(id);
    return record;
  }

  /**
   * Every schedule, `size` at a time in id order: the cached record where there is one, else a
   * freshly parsed one that is not kept. Only the batch in hand is held (10,000 parsed records at
   * once were ~40 MB), and a walk may pause between batches: schedules created or deleted meanwhile
   * are met or not depending on their id, never twice.
   */
  *batches(size: number): Generator<ScheduleRecord[], void, undefined> {
    let after = '';
    for (;;) {
      const page = this.repo.page(after, size);
      if (page.length > 0) yield page.map((record) => this.records.get(record.id) ?? record);
      if (page.length < size) return;
      after = page.at(-1)!.id;
    }
  }

  /** Entries held (health and benchmarks). */
  get size(): number {
    return this.records.size;
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
  }
}
