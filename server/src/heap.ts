/**
 * V8's heap tuned for a small process that runs for months next to HA on a Raspberry Pi. By
 * default V8 lets the old generation grow to several times what is alive before it collects: an
 * import of 10,000 schedules (~60 KB of short-lived objects each) took the heap to 150 MB while
 * 26 MB were alive, and the RSS never came back. Growing by 30 % at most keeps the import's peak
 * near 45 MB of heap, at the price of a few more (incremental, ~10 ms) major collections while it
 * runs. The young generation's size can only be set on the command line (`--max-semi-space-size`,
 * see package.json `start`).
 */
import { setFlagsFromString } from 'node:v8';

/** How much the old generation may grow past what the last full collection left alive, in percent. */
export const HEAP_GROWING_PERCENT = 30;

/** Applies the tuning; call once, first thing at start. */
export function tuneHeap(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
