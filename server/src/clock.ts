import { getHeapSpaceStatistics } from 'node:v8';
import type { Clock } from './engine/ports.js';

/**
 * The longest single wait of the real clock. A suspended machine or a wall-clock step (NTP
 * correction after boot on a Pi without RTC) is noticed within this time, because each wake-up
 * re-reads the wall clock instead of trusting one long setTimeout (croner's maxDelay idea).
 */
export const MAX_WAIT_MS = 30_000;

/**
 * A precise timer sleeps until this long before its instant, then waits out the rest on the spot
 * (`waitOut`): Node's timers count whole milliseconds of a loop time read at the start of the turn,
 * so a plain timer fires up to 1–2 ms late. The price: the event loop serves no I/O for at most
 * this long before an instant (fires only); what arrives meanwhile is served right after the fire.
 */
export const PRECISE_MARGIN_MS = 2;

/** How long the thread sleeps between looks at the clock in the last milliseconds before an instant. */
const FINAL_SLICE_MS = 0.02;
/** Nobody ever changes it: `Atomics.wait` on it is a sleep of the thread with a sub-millisecond timeout. */
const slice = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));

/**
 * Blocks until the wall clock reaches `at`, in sleeps of FINAL_SLICE_MS. Measured against turning
 * the event loop until then (setImmediate), 150 waits each, twice (2 cores, Node 20): late at the
 * instant p99 0.24–0.34 ms instead of 1.7–1.9 (p50 0.08 instead of 0.03), half the CPU, and ~3 KB
 * allocated per wait instead of ~130 KB, which had a young-generation collection land in 1 wait
 * of 7, right before the fire. Gives up after the margin (and a millisecond) if the wall clock
 * stepped back meanwhile: the caller then sleeps again.
 */
function waitOut(at: number): void {
  const giveUp = performance.now() + PRECISE_MARGIN_MS + 1;
  while (Date.now() < at && performance.now() < giveUp) Atomics.wait(slice, 0, 0, FINAL_SLICE_MS);
}

/**
 * How long the real clock's `afterPause` lets the event loop sleep. A fire's calls leave at the
 * instant and its bookkeeping (the schedules' next fires written) used to follow in the same turn:
 * HA, woken on Almanac's core, read the calls only once that was done. Measured with `npm run
 * bench -- scale` (single fires, 4 runs each, alternately): socket → HA p50 0.4–0.5 ms instead of
 * 0.7, fires over 3 ms 6–10 of 601 instead of 8–13. A synchronous sleep of 0.5 or 1 ms right after
 * the send was worse (20–56 over 3 ms): waking, Almanac took the core back from HA mid-read.
 */
export const PAUSE_MS = 2;

/**
 * What a fire may still allocate before its instant without V8 collecting its young generation:
 * its calls leave with well under 100 KB. With less room than this left when a fire is prepared,
 * the collection (~1 ms, and V8's helper thread with it: both cores of a Raspberry Pi 3's four,
 * both of the test machine's two) is made then, 50 ms or more ahead, instead of when the calls
 * are being sent and HA reads them. Measured with `npm run bench -- scale` (single fires, a
 * PerformanceObserver of GCs): of the ten fires HA received latest, two had a collection start
 * 0.6–0.9 ms after their instant.
 */
export const YOUNG_HEADROOM_BYTES = 256 * 1024;

interface YoungSpace {
  space_name: string;
  space_available_size: number;
}

/**
 * Collects V8's young generation now if less than YOUNG_HEADROOM_BYTES are left in it. Needs
 * `gc` (node --expose-gc: npm start and the add-on pass it); without it, does nothing.
 */
export function makeRoom(gc: ((options: { type: 'minor' }) => void) | undefined, spaces: () => YoungSpace[] = getHeapSpaceStatistics): boolean {
  if (!gc) return false;
  const young = spaces().find((s) => s.space_name === 'new_space');
  if (!young || young.space_available_size >= YOUNG_HEADROOM_BYTES) return false;
  gc({ type: 'minor' });
  return true;
}

/** The real clock: wall time from Date.now(), timers capped and re-checked (STYLE §4). */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(at, fn, precise = false) {
    let handle: NodeJS.Timeout | undefined;
    let soon: NodeJS.Immediate | undefined;
    let cancelled = false;
    const near = (wait: number): boolean => precise && wait > 0 && wait <= PRECISE_MARGIN_MS;
    const arm = (): void => {
      handle = undefined;
      soon = undefined;
      let wait = at - Date.now();
      if (near(wait)) {
        waitOut(at);
        wait = at - Date.now();
      }
      if (wait <= 0) {
        if (!cancelled) fn();
        return;
      }
      handle = setTimeout(arm, Math.min(precise ? Math.max(wait - PRECISE_MARGIN_MS, 0) : wait, MAX_WAIT_MS));
    };
    // An instant already near when the timer is set is waited out once the caller's turn is over:
    // never inside setTimer, whose caller may still be getting ready for the call back.
    if (near(at - Date.now())) soon = setImmediate(arm);
    else arm();
    return () => {
      cancelled = true;
      if (handle) clearTimeout(handle);
      if (soon) clearImmediate(soon);
    };
  },
  afterPause(fn) {
    let done = false;
    const run = (): void => {
      if (done) return;
      done = true;
      clearTimeout(handle);
      fn();
    };
    const handle = setTimeout(run, PAUSE_MS);
    return run;
  },
  beforeInstant() {
    makeRoom((globalThis as { gc?: (options: { type: 'minor' }) => void }).gc);
  },
};
