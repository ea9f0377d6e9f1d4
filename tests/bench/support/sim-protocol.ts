/** What the benchmark and its simulator process (sim-process.ts) say to each other over IPC. */

export const BENCH_TOKEN = 'almanac-bench';

/** Messages from the parent. */
export type SimRequest = { type: 'calls'; since: number } | { type: 'close' };

/**
 * A service call as HA received it: when (epoch ms, sub-millisecond: its handler ran, and its frame
 * was read), which service, the first entity.
 */
export interface ReceivedCall {
  at: number;
  read_at: number;
  service: string;
  entity: string;
}

/** Messages to the parent. */
export type SimReply = { type: 'ready'; url: string } | { type: 'calls'; calls: ReceivedCall[]; next: number };

/** `switch.bench_<i>`: one entity per one-off of the "many due at once" figure. */
export const benchSwitch = (i: number): string => `switch.bench_${i}`;
