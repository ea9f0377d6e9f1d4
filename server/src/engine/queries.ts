/** The engine's read side: schedule views (lists: schedule-list.ts), previews, run history, stats, health. */
import type { EngineHealthDto } from '../api/types.js';
import type { Run } from '../domain/schedule.js';
import { decodeCursor, encodeCursor } from '../store/runs.js';
import { toSchedule, type ScheduleRecord } from '../store/schedules.js';
import { preview as previewTrigger, type PreviewItem } from '../time/index.js';
import type { EngineCore } from './core.js';
import { InvalidCursorError, InvalidScheduleError, UnknownRunError } from './errors.js';
import { timeContext } from './planner.js';
import { scheduleState } from './state.js';
import type { RunFilter, ScheduleCounts, ScheduleView, Stats } from './types.js';

const DAY_MS = 86_400_000;

export function viewOf(core: EngineCore, s: ScheduleRecord): ScheduleView {
  return {
    schedule: toSchedule(s), state: scheduleState(s, core.clock.now()), running: core.active.forSchedule(s.id).length > 0, conflict_ids: core.conflictIdsOf(s.id),
  };
}

export function previewSchedule(core: EngineCore, s: ScheduleRecord, from: number, count: number): PreviewItem[] {
  try {
    return previewTrigger(s.trigger, from, count, timeContext(s, core.location()));
  } catch (error) {
    throw new InvalidScheduleError([{ path: 'trigger', message: error instanceof Error ? error.message : String(error) }]);
  }
}

export function listRuns(core: EngineCore, filter: RunFilter): { items: Run[]; next_cursor: string | null } {
  const after = filter.cursor !== undefined ? decodeCursor(filter.cursor) : undefined;
  if (after === null) throw new InvalidCursorError();
  const page = core.runs.list({ ...filter, ...(after ? { after } : {}) });
  const last = page.items.at(-1);
  return { items: page.items, next_cursor: page.more && last ? encodeCursor(last) : null };
}

export function getRun(core: EngineCore, id: string): Run {
  const n = Number(id);
  const run = Number.isSafeInteger(n) && n > 0 ? core.runs.get(n) : undefined;
  if (!run) throw new UnknownRunError(id);
  return run;
}

/** Stats from the schedule counts (one SQL query, see schedule-list.ts) and the run history. */
export function engineStats(core: EngineCore, counts: ScheduleCounts): Stats {
  const now = core.clock.now();
  const byTrigger = Object.fromEntries(Object.entries(counts.by_type).filter(([, n]) => n > 0));
  const day = core.runs.countSince(now - DAY_MS);
  return {
    schedules: { total: counts.total, by_state: counts.by_state, by_trigger: byTrigger },
    runs: { by_status: core.runs.countsByStatus(), last_24h: day.total, failures_24h: day.failed },
    next_wake: core.dispatcher.nextWake(),
  };
}

export function engineHealth(core: EngineCore, running: boolean): EngineHealthDto {
  const next = core.dispatcher.nextWake();
  return {
    running,
    dry_run: core.dryRun(),
    next_wake: next === null ? null : new Date(next).toISOString(),
    schedules: core.schedules.count(),
    recent_lateness_ms: core.lateness.summary(),
  };
}
