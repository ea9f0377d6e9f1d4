/**
 * At most one call per key per interval, on the injected clock (STYLE §4). The first request runs
 * at once; requests within the interval collapse into one trailing call at its end, which runs the
 * latest function given, so it publishes the newest value. A thousand runs a second become one
 * stats message a second, while a single change still reaches HA without delay.
 */
import type { Clock } from '../engine/ports.js';

interface Slot {
  last: number;
  run: () => void;
  cancel: (() => void) | null;
}

export class Throttle {
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {}

  /** Runs `run` now, or once at the end of the key's current interval. */
  request(key: string, run: () => void): void {
    const now = this.clock.now();
    const slot = this.slots.get(key);
    if (!slot) {
      this.slots.set(key, { last: now, run, cancel: null });
      run();
      return;
    }
    slot.run = run;
    if (slot.cancel) return;
    if (now - slot.last >= this.intervalMs) {
      slot.last = now;
      run();
      return;
    }
    slot.cancel = this.clock.setTimer(slot.last + this.intervalMs, () => {
      slot.cancel = null;
      slot.last = this.clock.now();
      slot.run();
    });
  }

  /** Drops the key and its pending call (a deleted schedule must not be re-published). */
  forget(key: string): void {
    this.slots.get(key)?.cancel?.();
    this.slots.delete(key);
  }

  /** Drops every key and pending call. */
  clear(): void {
    for (const slot of this.slots.values()) slot.cancel?.();
    this.slots.clear();
  }
}
