/**
 * Who holds each lock and who waits for it, in memory (the ledger is the durable copy: runs with
 * `lock` set, queued or under way; rebuilt from it at start). A lock admits `capacity` holders;
 * the others wait in one line, strictly in order of their planned time, ties by priority (higher
 * first), then schedule id: a run that comes due later never overtakes one that waits.
 */

/** A run waiting for a lock. */
export interface LockWaiter {
  runId: number;
  scheduleId: string;
  /** The occurrence it runs for: the line's order. */
  planned: number;
  priority: number;
  queuedAt: number;
  /** When it gives up (skipped, `lock wait exceeded`). */
  deadline: number;
}

export type LockPlace = { lock: string; as: 'holder' | 'waiter' };

/** Strict line order: planned time, then priority (higher first), then schedule id, then run id. */
export function lineOrder(a: Omit<LockWaiter, 'queuedAt' | 'deadline'>, b: Omit<LockWaiter, 'queuedAt' | 'deadline'>): number {
  return a.planned - b.planned || b.priority - a.priority || (a.scheduleId < b.scheduleId ? -1 : a.scheduleId > b.scheduleId ? 1 : 0) || a.runId - b.runId;
}

export class LockTable {
  private readonly holders = new Map<string, Set<number>>();
  private readonly lines = new Map<string, LockWaiter[]>();
  private readonly places = new Map<number, LockPlace>();

  /** Whether a run arriving now may take the lock: there is room, and nobody waiting is ahead of it. */
  canTake(lock: string, capacity: number, arrival: Omit<LockWaiter, 'queuedAt' | 'deadline'>): boolean {
    if (this.holderIds(lock).length >= capacity) return false;
    const first = this.lines.get(lock)?.[0];
    return first === undefined || lineOrder(arrival, first) < 0;
  }

  hold(lock: string, runId: number): void {
    this.drop(runId);
    let set = this.holders.get(lock);
    if (!set) this.holders.set(lock, (set = new Set()));
    set.add(runId);
    this.places.set(runId, { lock, as: 'holder' });
  }

  wait(lock: string, waiter: LockWaiter): void {
    this.drop(waiter.runId);
    let line = this.lines.get(lock);
    if (!line) this.lines.set(lock, (line = []));
    // Binary insertion keeps the line sorted: a thousand waiters cost no re-sort.
    let lo = 0;
    let hi = line.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (lineOrder(line[mid]!, waiter) < 0) lo = mid + 1;
      else hi = mid;
    }
    line.splice(lo, 0, waiter);
    this.places.set(waiter.runId, { lock, as: 'waiter' });
  }

  /** Forgets the run (holder or waiter); returns where it was. */
  drop(runId: number): LockPlace | null {
    const place = this.places.get(runId);
    if (!place) return null;
    this.places.delete(runId);
    if (place.as === 'holder') {
      const set = this.holders.get(place.lock);
      set?.delete(runId);
      if (set?.size === 0) this.holders.delete(place.lock);
    } else {
      const line = this.lines.get(place.lock) ?? [];
      const at = line.findIndex((w) => w.runId === runId);
      if (at >= 0) line.splice(at, 1);
      if (line.length === 0) this.lines.delete(place.lock);
    }
    return place;
  }

  placeOf(runId: number): LockPlace | null {
    return this.places.get(runId) ?? null;
  }

  holderIds(lock: string): number[] {
    return [...(this.holders.get(lock) ?? [])];
  }

  line(lock: string): readonly LockWaiter[] {
    return this.lines.get(lock) ?? [];
  }

  /** The waiters whose turn has come: the first of the line, as many as there is room for. */
  turnOf(lock: string, capacity: number): LockWaiter[] {
    const room = capacity - this.holderIds(lock).length;
    return room > 0 ? this.line(lock).slice(0, room) : [];
  }

  /** Every lock with a holder or a waiter. */
  busyLocks(): string[] {
    return [...new Set([...this.holders.keys(), ...this.lines.keys()])];
  }
}
