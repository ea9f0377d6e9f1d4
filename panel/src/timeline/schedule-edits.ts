/**
 * Tells a schedule's edits from its bookkeeping in the event stream. The server announces a
 * `schedule` event both when the user changes a schedule and after each of its runs (its last run,
 * next run and failure count change). Only edits change what the timeline draws or the names the
 * history offers, and reloading a week of 1,000 schedules after every run would be wasteful, so a
 * `schedule` event within a moment of a `run` event of the same schedule is taken for bookkeeping.
 */

/** A run's bookkeeping event follows (or precedes) its run event by milliseconds; this is generous. */
export const BOOKKEEPING_WINDOW_MS = 2_000;
/** How long a `schedule` event waits for the `run` event that would make it bookkeeping. */
export const RUN_EVENT_GRACE_MS = 300;
/** Edits come in bursts (an import, a grow's phases): one reload per burst. */
export const EDIT_DEBOUNCE_MS = 400;

export interface ScheduleEditsOptions {
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class ScheduleEdits {
  private readonly lastRun = new Map<string, number>();
  private readonly timers = new Set<unknown>();
  private pending: unknown = null;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  /** `onEdit` is called once per burst of edits. */
  constructor(
    private readonly onEdit: () => void,
    options: ScheduleEditsOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  /** Call for every `run` event. */
  noteRun(scheduleId: string): void {
    this.lastRun.set(scheduleId, this.now());
  }

  /** Call for every `schedule` event. */
  noteSchedule(scheduleId: string, deleted = false): void {
    const at = this.now();
    const timer = this.setTimer(() => {
      this.timers.delete(timer);
      if (this.isEdit(scheduleId, at, deleted)) this.editSoon();
    }, RUN_EVENT_GRACE_MS);
    this.timers.add(timer);
  }

  /** Whether a `schedule` event that arrived at `at` was an edit (or a deletion). */
  isEdit(scheduleId: string, at: number, deleted = false): boolean {
    if (deleted) return true;
    const run = this.lastRun.get(scheduleId);
    return run === undefined || Math.abs(run - at) > BOOKKEEPING_WINDOW_MS;
  }

  /** Cancels everything pending (the page went away). */
  dispose(): void {
    for (const timer of this.timers) this.clearTimer(timer);
    this.timers.clear();
    if (this.pending !== null) this.clearTimer(this.pending);
    this.pending = null;
  }

  private editSoon(): void {
    if (this.pending !== null) return;
    this.pending = this.setTimer(() => {
      this.pending = null;
      this.onEdit();
    }, EDIT_DEBOUNCE_MS);
  }
}
