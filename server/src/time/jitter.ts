/** Random ± delay of a planned instant, for presence simulation and spreading inrush load. */

const SECOND_MS = 1000;

/**
 * `at` moved by a uniformly random amount in [−jitterSeconds, +jitterSeconds], whole
 * milliseconds. `random` returns [0, 1) like Math.random; tests pass a fixed one.
 */
export function applyJitter(at: number, jitterSeconds: number, random: () => number): number {
  if (!(jitterSeconds > 0)) return at;
  return at + Math.round((random() * 2 - 1) * jitterSeconds * SECOND_MS);
}
