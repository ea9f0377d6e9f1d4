/**
 * One shared copy of equal values: the conflict detector keeps a plan per schedule for the whole
 * horizon, and most schedules share their policy, their action, the entities they touch and the
 * shape of their runs with many others (a grow room's shelves, a reef's pumps). Shared, those
 * parts cost nothing per schedule; a copy each cost about half a kilobyte at 10,000 schedules.
 *
 * Values are kept as long as the interner (the detector's lifetime: a detection from scratch,
 * hourly, starts a new one), so what edits leave behind is dropped within the hour.
 */
export class Interner {
  private readonly values = new Map<string, unknown>();

  /** The value kept under `key`, else `make()` kept under it. Equal keys must mean equal values. */
  of<T>(key: string, make: () => T): T {
    let value = this.values.get(key) as T | undefined;
    if (value === undefined) this.values.set(key, (value = make()));
    return value;
  }

  /** Values kept (benchmarks). */
  get size(): number {
    return this.values.size;
  }
}
