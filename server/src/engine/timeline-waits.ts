/**
 * The timeline's items where the lock puts them. A run that waits for its lock waters later, and
 * the grower has to see that: its item is drawn at the run's (simulated) start, still lasting its
 * full length (a window holds the lock for its whole duration), and the wait mark spans planned →
 * start before it. A run still waiting now is drawn from now, the earliest it can start. A run
 * that gives up waiting is skipped: it does nothing, so its item goes and the mark says so.
 * Pure: items, waits and now in, items out (the input is not changed).
 */
import type { LockWait } from './conflicts/lock-waits.js';
import type { TimelineItem } from './timeline.js';

const key = (scheduleId: string, at: number): string => `${scheduleId}|${at}`;

/** Where the item of a wait starts now; null: it is skipped. */
function startOf(wait: LockWait, now: number): number | null {
  if (wait.skipped) return null;
  return wait.start ?? Math.max(now, wait.planned);
}

/** The items with waiting runs moved to their start and skipped ones left out; `items` itself when nothing waits. */
export function shiftForWaits(items: TimelineItem[], waits: readonly LockWait[], now: number): TimelineItem[] {
  if (waits.length === 0) return items;
  const byRun = new Map(waits.map((w) => [key(w.schedule_id, w.planned), w]));
  const out: TimelineItem[] = [];
  for (const item of items) {
    const wait = byRun.get(key(item.schedule_id, item.start));
    if (!wait) {
      out.push(item);
      continue;
    }
    const start = startOf(wait, now);
    if (start === null) continue;
    const shift = start - item.start;
    out.push({ ...item, start, end: item.end === null ? null : item.end + shift });
  }
  return out;
}
