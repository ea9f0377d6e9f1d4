/**
 * The dispatcher: ONE timer, armed for the earliest due entry of a min-heap (schedules' next fire
 * or pause end, pending steps). Nothing polls. Entries are keyed (`s:<schedule id>`, `t:<step
 * id>`); setting a key again supersedes its old entry, which stays in the heap as a stale copy and
 * is skipped when popped (lazy deletion), so rescheduling is O(log n).
 *
 * The Clock owns the wait (the real one caps it at 30 s and re-checks the wall clock, so suspend
 * and clock steps are noticed). A key may be handed over `lead` ms before it is due, so that the
 * caller can prepare (claim runs, plan their calls) and still act at the due instant.
 */
import type { Clock } from './ports.js';
import { MinHeap } from './heap.js';

/** Keys handed to one `onDue` call; the rest follow on the next turn of the event loop, so a backlog never blocks I/O. */
const MAX_BATCH = 1000;
/** Stale heap copies tolerated before a rebuild: twice the live entries plus this slack. */
const COMPACT_SLACK = 1024;

export class Dispatcher {
  private readonly heap = new MinHeap();
  private readonly due = new Map<string, number>();
  private cancelTimer: (() => void) | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private armedAt: number | null = null;
  private armQueued = false;
  private running = false;
  private lastWake: number | null | undefined = undefined;

  constructor(
    private readonly clock: Clock,
    private readonly onDue: (keys: string[]) => void,
    private readonly onWake: (next: number | null) => void = () => {},
  ) {}

  /** Sets (or with null removes) when `key` is due; it is handed over `lead` ms early. */
  set(key: string, at: number | null, lead = 0): void {
    if (at === null) {
      this.delete(key);
      return;
    }
    if (this.due.get(key) === at) return;
    this.due.set(key, at);
    this.heap.push({ at: at - lead, key, due: at });
    if (this.heap.size > 2 * this.due.size + COMPACT_SLACK) this.compact();
    this.requestArm();
  }

  delete(key: string): void {
    if (this.due.delete(key)) this.requestArm();
  }

  get(key: string): number | undefined {
    return this.due.get(key);
  }

  /** When the next entry is due, or null when nothing is waiting. */
  nextWake(): number | null {
    this.dropStale();
    return this.heap.peek()?.due ?? null;
  }

  /** When the timer must wake next (the next entry's due time minus its lead), or null. */
  wakeAt(): number | null {
    this.dropStale();
    return this.heap.peek()?.at ?? null;
  }

  start(): void {
    this.running = true;
    this.arm();
  }

  stop(): void {
    this.running = false;
    this.disarm();
  }

  /**
   * Drops the stale copies: an entry is live when its key is still due at its instant. A key
   * deleted and set again for the same instant leaves a twin; the earlier-waking one is kept, the
   * one that pops first anyway. The live entries carry their lead in `at`, so no map of leads per
   * key is kept (~40 bytes each at 10,000 schedules).
   */
  private compact(): void {
    const kept = new Set<string>();
    const live = [...this.heap.entries()].sort((a, b) => a.at - b.at).filter((e) => {
      if (this.due.get(e.key) !== e.due || kept.has(e.key)) return false;
      kept.add(e.key);
      return true;
    });
    this.heap.rebuild(live);
  }

  private dropStale(): void {
    for (let top = this.heap.peek(); top && this.due.get(top.key) !== top.due; top = this.heap.peek()) this.heap.pop();
  }

  /** Coalesces the re-arming of many `set` calls in one synchronous batch into one. */
  private requestArm(): void {
    if (!this.running || this.armQueued) return;
    this.armQueued = true;
    queueMicrotask(() => {
      this.armQueued = false;
      this.arm();
    });
  }

  private disarm(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = null;
    this.armedAt = null;
  }

  private arm(): void {
    if (!this.running) return;
    const due = this.nextWake();
    if (due !== this.lastWake) {
      this.lastWake = due;
      this.onWake(due);
    }
    const next = this.wakeAt();
    if (next === this.armedAt && (this.cancelTimer || this.immediate)) return;
    this.disarm();
    if (next === null) return;
    this.armedAt = next;
    if (next <= this.clock.now()) this.immediate = setImmediate(() => this.fire());
    else this.cancelTimer = this.clock.setTimer(next, () => this.fire());
  }

  private fire(): void {
    this.cancelTimer = null;
    this.immediate = null;
    this.armedAt = null;
    if (!this.running) return;
    const now = this.clock.now();
    const keys: string[] = [];
    this.dropStale();
    for (let top = this.heap.peek(); top && top.at <= now && keys.length < MAX_BATCH; top = this.heap.peek()) {
      this.heap.pop();
      this.due.delete(top.key);
      keys.push(top.key);
      this.dropStale();
    }
    try {
      if (keys.length > 0) this.onDue(keys);
    } finally {
      this.arm();
    }
  }
}
