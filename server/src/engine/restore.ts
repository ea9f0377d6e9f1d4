/**
 * Re-applying open windows (policy `restore: reapply`) after Almanac starts, HA (re)connects or a
 * schedule is resumed: a window open now means its action should be in effect, so the light is on
 * at 07:00 even if 06:00 was missed. Only idempotent actions are re-applied, only to entities that
 * are not already in the wanted state (so relays do not chatter on every reconnect), and recorded
 * as a run with trigger `restore`. A ramp that was missed half-way resumes on its line.
 */
import type { StepAction } from '../domain/action.js';
import type { Target } from '../domain/ha.js';
import type { ScheduleRecord } from '../store/schedules.js';
import type { StepPayload } from './work.js';
import { saveDerived } from './accounting.js';
import { entityIds, indirectTarget, isIdempotent } from './actions/index.js';
import { failedCondition } from './conditions.js';
import { transact, type Batch, type EngineCore } from './core.js';
import type { RunPipeline } from './run-pipeline.js';
import { READ_SLICE } from './schedule-cache.js';
import { openWindow, type OpenWindow } from './windows.js';
import { alreadyWanted } from './wanted-state.js';
import type { Work } from './work.js';
import { resolveZoneTarget } from './zone-targets.js';
import { targetEntities } from './entity-gates.js';
import { inTransaction } from '../store/transaction.js';

/** What a re-apply is limited to, and what it says. */
export interface RestoreOptions {
  /** Per schedule, only these of its entities (the devices a hold let go of); its others are left alone. */
  only?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Entities not to touch at all (a person holds them): no run is begun for them. */
  skip?: (entityId: string) => boolean;
  /** Said on the restore runs ("the hold on Shelf 1 light ended"). */
  note?: string;
}

/** The target narrowed to `only` (its areas, devices and labels expanded to the entities named there). */
function narrowed(core: EngineCore, target: Target, only: ReadonlySet<string> | undefined): Target {
  if (!only) return target;
  return { entity_id: targetEntities(target, core.ha).filter((id) => only.has(id)) };
}

/** The entities of the target that are not where `action` puts them (area/device/label targets cannot be checked: kept). */
function drifted(core: EngineCore, action: StepAction, target: Target, skip?: (entityId: string) => boolean): Target | null {
  const ids = entityIds(target).filter((id) => !skip?.(id) && alreadyWanted(action, core.ha.getState(id)) !== true);
  const out: Target = { ...(indirectTarget(target) ?? {}) };
  if (ids.length > 0) out.entity_id = ids;
  return Object.keys(out).length > 0 ? out : null;
}

function windowHasEnd(core: EngineCore, runId: number): boolean {
  return core.steps.openForRun<StepPayload>(runId).some((step) => step.payload.role === 'end');
}

/** Whether some run of the schedule (the window's own, or an earlier restore) will close the window. */
function endPending(core: EngineCore, s: ScheduleRecord, existing: { id: string } | undefined): boolean {
  const runs = new Set(core.active.forSchedule(s.id).map((a) => a.id));
  if (existing) runs.add(Number(existing.id));
  return [...runs].some((id) => windowHasEnd(core, id));
}

/** A restore run with nothing to re-apply: it only holds the window's end. */
const NOTHING: Work = { type: 'calls', calls: [], idempotent: true };

function restoreWork(action: StepAction, target: Target, win: OpenWindow): Work {
  if (action.type === 'ramp') return { type: 'ramp', ramp: action, target, begin: win.occurrence, index: 1 };
  return { type: 'act', action, target };
}

/**
 * Whether the schedule's window is not to be re-applied now (a run of it is going, it is paused, …).
 * A completed schedule still counts: the window of a one-off or of the last allowed run stays open
 * until its end, and a restart inside it must still put the device right.
 */
function ineligible(core: EngineCore, s: ScheduleRecord): boolean {
  return !s.enabled || s.paused || s.policy.restore !== 'reapply' || s.duration_seconds === null
    || s.action.type === 'sequence' || !isIdempotent(s.action) || core.active.isActing(s.id);
}

function restoreOne(core: EngineCore, starter: RunPipeline, batch: Batch, s: ScheduleRecord, now: number, options: RestoreOptions): void {
  if (ineligible(core, s) || s.action.type === 'sequence') return;
  const action = s.action;
  const win = openWindow(s, now, core.location());
  if (!win) return;
  const existing = core.runs.byKey(s.id, win.occurrence);
  if (existing?.status === 'skipped') return;
  // A window on a lock is open only while its own run holds the lock: one that waited opens late,
  // and re-applying it by the clock would water two shelves at once.
  if (s.policy.lock !== null && (!existing || core.locks.placeOf(Number(existing.id))?.as !== 'holder')) return;
  if (failedCondition(s.conditions, { getState: (id) => core.ha.getState(id), now, zone: s.timezone }) !== null) return;
  const resolved = resolveZoneTarget(s.target, core.zones);
  if (!resolved.ok) return;
  const target = drifted(core, action, narrowed(core, resolved.value, options.only?.get(s.id)), options.skip);
  const hasEnd = endPending(core, s, existing);
  // A window nobody will close (made while open, e.g. by a grow that started in the past, or its
  // opening run was missed) gets a run holding its end even when the devices are already right.
  if (!target && hasEnd) return;
  const run = starter.begin(batch, s, { planned: starter.freeKey(s.id, now), fireAt: now, trigger: 'restore' }, {
    conditions: false,
    overlap: false,
    count: false,
    work: target ? restoreWork(action, target, win) : NOTHING,
    windowEnd: hasEnd ? null : win.end,
    lock: false,
    ...(options.note !== undefined ? { note: options.note } : {}),
  });
  if (run) saveDerived(core, batch, s);
}

/**
 * Of all window schedules, those whose window is open now. Most are closed at any moment: they are
 * looked at through their timing alone, neither parsed whole nor kept in the cache (10,000
 * schedules would otherwise all stay parsed after every start).
 */
function openWindows(core: EngineCore, now: number): string[] {
  const location = core.location();
  const open: string[] = [];
  for (const timing of core.schedules.windowTimings(now)) {
    if (openWindow(core.cache.peek(timing.id) ?? timing, now, location) !== null) open.push(timing.id);
  }
  return open;
}

/** Of these schedules (a few: resumed, or whose hold ended), those eligible with a window open now. */
function openOf(core: EngineCore, ids: string[], now: number): string[] {
  const open: string[] = [];
  for (let i = 0; i < ids.length; i += READ_SLICE) {
    const slice = ids.slice(i, i + READ_SLICE);
    const stored = new Map(core.schedules.getMany(slice).map((s) => [s.id, s]));
    for (const id of slice) {
      const s = core.cache.peek(id) ?? stored.get(id);
      if (s && !ineligible(core, s) && openWindow(s, now, core.location()) !== null) open.push(id);
    }
  }
  return open;
}

/** Re-applies the open windows of these schedules (all window schedules when omitted). */
export function restoreWindows(core: EngineCore, starter: RunPipeline, ids?: string[], options: RestoreOptions = {}): void {
  const now = core.clock.now();
  const open = ids ? openOf(core, ids, now) : openWindows(core, now);
  // Kept in the cache from here on, read a slice per statement rather than one each (hundreds at a start).
  const kept = core.cache.getMany(open);
  const candidates = open.map((id) => kept.get(id)).filter((s) => s !== undefined);
  transact(core, (batch) => {
    for (const s of candidates) {
      try {
        inTransaction(core.db, () => restoreOne(core, starter, batch, s, now, options));
      } catch (error) {
        core.logger.error({ err: error, schedule: s.id }, 'could not re-apply the schedule\'s window');
      }
    }
  });
}
