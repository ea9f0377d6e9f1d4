import type { Clock } from './engine/ports.js';

/**
 * The longest single wait of the real clock. A suspended machine or a wall-clock step (NTP
 * correction after boot on a Pi without RTC) is noticed within this time, because each wake-up
 * re-reads the wall clock instead of trusting one long setTimeout (croner's maxDelay idea).
 */
export const MAX_WAIT_MS = 30_000;

/**
 * A precise timer sleeps until this long before its instant and checks the time on every turn of
 * the event loop from there: Node's timers count whole milliseconds of a loop time read at the start
 * of the turn, so a plain timer fires up to 1–2 ms late. The price is a turn-by-turn wait of at most
 * this long per precise timer (fires only), during which I/O is still served.
 */
export const PRECISE_MARGIN_MS = 2;

/** The real clock: wall time from Date.now(), timers capped and re-checked (STYLE §4). */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(at, fn, precise = false) {
    let handle: NodeJS.Timeout | undefined;
    let spin: NodeJS.Immediate | undefined;
    let cancelled = false;
    const arm = (): void => {
      handle = undefined;
      spin = undefined;
      const wait = at - Date.now();
      if (wait <= 0) {
        if (!cancelled) fn();
        return;
      }
      if (precise && wait <= PRECISE_MARGIN_MS) spin = setImmediate(arm);
      else handle = setTimeout(arm, Math.min(precise ? wait - PRECISE_MARGIN_MS : wait, MAX_WAIT_MS));
    };
    arm();
    return () => {
      cancelled = true;
      if (handle) clearTimeout(handle);
      if (spin) clearImmediate(spin);
    };
  },
};
