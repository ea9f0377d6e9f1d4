/** The engine's read side: schedule views and lists, previews, run history, stats, health. */
import type { EngineHealthDto } from '../api/types.js';
import type { Run, ScheduleState } from '../domain/schedule.js';
import { decodeCursor, encodeCursor } from '../store/runs.js';
import { toSchedule, type ScheduleRecord } from '../store/schedules.js';
import { preview as previewTrigger, type PreviewItem } from '../time/index.js';
import type { EngineCore } from './core.js';
import { InvalidCursorError, InvalidScheduleError, UnknownRunError } from './errors.js';
import { timeContext } from './planner.js';
import { scheduleState } from './state.js';
import type { RunFilter, ScheduleFilter, ScheduleView, Stats } from './types.js';
import { scheduleEntityIds } from './zone-targets.js';

const DAY_MS = 86_400_000;
const STATES: ScheduleState[] = ['enabled', 'paused', 'disabled', 'completed', 'failing'];

export function viewOf(core: EngineCore, s: ScheduleRecord): ScheduleView {
  return {
    schedule: toSchedule(s), state: scheduleState(s, core.clock.now()), running: core.active.forSchedule(s.id).length > 0, conflict_ids: core.conflictIdsOf(s.id),
  };
}

function matches(core: EngineCore, s: ScheduleRecord, filter: ScheduleFilter, now: number): boolean {
  if (filter.tag !== undefined && !s.tags.includes(filter.tag)) return false;
  if (filter.grow_id !== undefined && s.grow_id !== filter.grow_id) return false;
  if (filter.trigger_type !== undefined && s.trigger.type !== filter.trigger_type) return false;
  if (filter.entity_id !== undefined && !scheduleEntityIds(s, core.zones).includes(filter.entity_id)) return false;
  if (filter.state !== undefined && scheduleState(s, now) !== filter.state) return false;
  if (filter.q !== undefined) {
    const q = filter.q.toLowerCase();
    if (!s.name.toLowerCase().includes(q) && !s.tags.some((t) => t.toLowerCase().includes(q))) return false;
  }
  return true;
}

export function listSchedules(core: EngineCore, filter: ScheduleFilter = {}): ScheduleView[] {
  const now = core.clock.now();
  return core.cache
    .all()
    .filter((s) => matches(core, s, filter, now))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((s) => viewOf(core, s));
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

export function engineStats(core: EngineCore): Stats {
  const now = core.clock.now();
  const byState = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<ScheduleState, number>;
  const byTrigger: Record<string, number> = {};
  const all = core.cache.all();
  for (const s of all) {
    byState[scheduleState(s, now)] += 1;
    byTrigger[s.trigger.type] = (byTrigger[s.trigger.type] ?? 0) + 1;
  }
  const day = core.runs.countSince(now - DAY_MS);
  return {
    schedules: { total: all.length, by_state: byState, by_trigger: byTrigger },
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
