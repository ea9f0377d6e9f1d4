import type { Clock } from './engine/ports.js';

/**
 * The longest single wait of the real clock. A suspended machine or a wall-clock step (NTP
 * correction after boot on a Pi without RTC) is noticed within this time, because each wake-up
 * re-reads the wall clock instead of trusting one long setTimeout (croner's maxDelay idea).
 */
export const MAX_WAIT_MS = 30_000;

/** The real clock: wall time from Date.now(), timers capped and re-checked (STYLE §4). */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(at, fn) {
    let handle: NodeJS.Timeout | undefined;
    let cancelled = false;
    const arm = (): void => {
      const wait = at - Date.now();
      if (wait <= 0) {
        handle = undefined;
        if (!cancelled) fn();
        return;
      }
      handle = setTimeout(arm, Math.min(wait, MAX_WAIT_MS));
    };
    arm();
    return () => {
      cancelled = true;
      if (handle) clearTimeout(handle);
    };
  },
};
