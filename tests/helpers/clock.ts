/**
 * A fake clock for the engine's `Clock` port: time stands still until a test moves it, and moving
 * it fires the timers it passes in order, letting promises settle after each (so a DST day or a
 * three-hour outage takes milliseconds).
 */
import type { Clock } from '../../server/src/engine/ports.js';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/** Event-loop turns drained after each timer: enough for a step's call, answer and follow-up writes. */
const SETTLE_ROUNDS = 20;

export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(start: number | string) {
    this.t = typeof start === 'string' ? Date.parse(start) : start;
    if (!Number.isFinite(this.t)) throw new Error(`FakeClock: bad start ${String(start)}`);
  }

  now(): number {
    return this.t;
  }

  setTimer(at: number, fn: () => void): () => void {
    const timer: Timer = { at, seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  }

  /** When the earliest waiting timer is due (null: none). */
  nextTimerAt(): number | null {
    return this.timers.length > 0 ? Math.min(...this.timers.map((x) => x.at)) : null;
  }

  /** Timers waiting. */
  get pending(): number {
    return this.timers.length;
  }

  /** Lets queued promises and `setImmediate` callbacks run (the clock does not move). */
  async settle(): Promise<void> {
    for (let i = 0; i < SETTLE_ROUNDS; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Moves to `at`, firing every timer due on the way, in order. */
  async advanceTo(at: number | string): Promise<void> {
    const target = typeof at === 'string' ? Date.parse(at) : at;
    for (;;) {
      await this.settle();
      const due = this.timers.filter((x) => x.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = Math.max(this.t, target);
    await this.settle();
  }

  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.t + ms);
  }

  /** Jumps without firing anything: the process was not running meanwhile (an outage). */
  jump(to: number | string): void {
    this.t = typeof to === 'string' ? Date.parse(to) : to;
  }

  dispose(): void {
    this.timers = [];
  }
}
