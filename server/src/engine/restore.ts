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
import type { RunStarter } from './run-starter.js';
import { openWindow, type OpenWindow } from './windows.js';
import { alreadyWanted } from './wanted-state.js';
import type { Work } from './work.js';

/** The entities of the target that are not where `action` puts them (area/device/label targets cannot be checked: kept). */
function drifted(core: EngineCore, action: StepAction, target: Target): Target | null {
  const ids = entityIds(target).filter((id) => alreadyWanted(action, core.ha.getState(id)) !== true);
  const out: Target = { ...(indirectTarget(target) ?? {}) };
  if (ids.length > 0) out.entity_id = ids;
  return Object.keys(out).length > 0 ? out : null;
}

function windowHasEnd(core: EngineCore, runId: number): boolean {
  return core.steps.openForRun<StepPayload>(runId).some((step) => step.payload.role === 'end');
}

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

function restoreOne(core: EngineCore, starter: RunStarter, batch: Batch, s: ScheduleRecord, now: number): void {
  if (ineligible(core, s) || s.action.type === 'sequence') return;
  const action = s.action;
  const win = openWindow(s, now, core.location());
  if (!win) return;
  const existing = core.runs.byKey(s.id, win.occurrence);
  if (existing?.status === 'skipped') return;
  if (failedCondition(s.conditions, { getState: (id) => core.ha.getState(id), now, zone: s.timezone }) !== null) return;
  const target = drifted(core, action, s.target);
  if (!target) return;
  const hasEnd = existing !== undefined && windowHasEnd(core, Number(existing.id));
  const run = starter.begin(batch, s, { planned: starter.freeKey(s.id, now), fireAt: now, trigger: 'restore' }, {
    conditions: false,
    overlap: false,
    count: false,
    work: restoreWork(action, target, win),
    windowEnd: hasEnd ? null : win.end,
  });
  if (run) saveDerived(core, batch, s);
}

/** Window schedules read per statement when looking for open windows: bounds what is parsed at once. */
const READ_SLICE = 500;

/** Re-applies the open windows of these schedules (all window schedules when omitted). */
export function restoreWindows(core: EngineCore, starter: RunStarter, ids?: string[]): void {
  const now = core.clock.now();
  // Most windows are closed at any moment: they are looked at without being kept in the cache
  // (10,000 schedules would otherwise all stay parsed after every start).
  const wanted = ids ?? core.schedules.idsWithWindows(now);
  const open: string[] = [];
  for (let i = 0; i < wanted.length; i += READ_SLICE) {
    const slice = wanted.slice(i, i + READ_SLICE);
    const stored = new Map(core.schedules.getMany(slice).map((s) => [s.id, s]));
    for (const id of slice) {
      const s = core.cache.peek(id) ?? stored.get(id);
      if (s && !ineligible(core, s) && openWindow(s, now, core.location()) !== null) open.push(id);
    }
  }
  const candidates = open.map((id) => core.cache.get(id)).filter((s) => s !== undefined);
  transact(core, (batch) => {
    for (const s of candidates) {
      try {
        core.db.transaction(() => restoreOne(core, starter, batch, s, now))();
      } catch (error) {
        core.logger.error({ err: error, schedule: s.id }, 'could not re-apply the schedule\'s window');
      }
    }
  });
}
