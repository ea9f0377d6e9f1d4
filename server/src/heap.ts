/**
 * V8 tuned for a small process that runs for months next to HA on a Raspberry Pi.
 *
 * The heap: by default V8 lets the old generation grow to several times what is alive before it
 * collects: an import of 10,000 schedules (~60 KB of short-lived objects each) took the heap to
 * 150 MB while 26 MB were alive, and the RSS never came back. Growing by 30 % at most keeps the
 * import's peak near 45 MB of heap, at the price of a few more (incremental, ~10 ms) major
 * collections while it runs.
 *
 * Three settings can only be given on the command line (package.json `start`, the add-on's s6 run
 * script): the young generation's size (`--max-semi-space-size=2`), the number of V8's helper
 * threads (`--v8-pool-size=1`: each of Node's default four kept ~2 MB of freed memory for good,
 * 85 → 78 MB at rest with 10,000 schedules), and `--expose-gc`, with which the clock moves a
 * collection of the young generation away from a fire's instant (clock.ts `makeRoom`).
 */
import { setFlagsFromString } from 'node:v8';

/** How much the old generation may grow past what the last full collection left alive, in percent. */
export const HEAP_GROWING_PERCENT = 30;

/**
 * V8 11 (Node 20) optimizes a function shorter than this many bytes of bytecode the first time
 * its tier-up budget runs out, instead of the third. At a start, that is esbuild's keepNames
 * helper (scripts/bundle.ts), called ~3,500 times while main.js loads: a single optimizing
 * compile, which pages in ~3.5 MB of V8's optimizing compiler that an idle server never needed
 * (RSS at rest with an empty database 59.7 → 56.3 MB, `npm run bench -- scale`; the first
 * optimization later on pages it in, as with 10,000 schedules, whose start optimizes anyway).
 * Small functions are still optimized, two ticks later, and inlined into optimized callers as
 * before. The image's Node 24 (V8 13) tiers up by invocation counts and has no such flag; it is
 * set on V8 11 only, where it was measured (an unknown flag would print an error).
 */
const EARLY_OPT_MAX_BYTECODE = 0;

/** The V8 major version this process runs on. */
const v8Major = (): number => Number(process.versions.v8.split('.')[0]);

/** Applies the tuning; call once, first thing at start (before compiling: a code cache records V8's flags). */
export function tuneHeap(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  if (v8Major() === 11) setFlagsFromString(`--max-bytecode-size-for-early-opt=${EARLY_OPT_MAX_BYTECODE}`);
}
