/**
 * Lateness of recent fires (planned fire instant to the first service call leaving the client),
 * kept in a ring buffer for the health endpoint.
 */

/** Enough samples for a stable p99, small enough to sort on every health request. */
export const LATENESS_SAMPLES = 1024;

export class LatenessRecorder {
  private readonly ring = new Float64Array(LATENESS_SAMPLES);
  private count = 0;
  private next = 0;

  record(ms: number): void {
    this.ring[this.next] = ms;
    this.next = (this.next + 1) % LATENESS_SAMPLES;
    this.count = Math.min(this.count + 1, LATENESS_SAMPLES);
  }

  summary(): { p50: number; p99: number; max: number; samples: number } {
    if (this.count === 0) return { p50: 0, p99: 0, max: 0, samples: 0 };
    const sorted = Array.from(this.ring.subarray(0, this.count)).sort((a, b) => a - b);
    const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1]!, samples: this.count };
  }
}
