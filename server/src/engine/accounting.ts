/**
 * A schedule's bookkeeping after its runs: derived fields, consecutive failures, the automatic
 * pause after `pause_after_failures`, and the notifications that go with them.
 */
import type { Run } from '../domain/schedule.js';
import { failedAlert, pausedAlert } from '../notify/messages.js';
import type { Actor } from '../store/audit.js';
import type { ScheduleRecord } from '../store/schedules.js';
import { armSchedule, type Batch, type EngineCore } from './core.js';

/** The actor of what the engine does by itself (audit log). */
export const SYSTEM_ACTOR: Actor = { id: null, name: 'Almanac' };

/** Writes the schedule's derived fields; after commit re-arms its wake-up and announces the change. */
export function saveDerived(core: EngineCore, batch: Batch, s: ScheduleRecord): void {
  core.schedules.updateDerived(s.id, s);
  batch.touched.add(s.id);
  batch.after(() => {
    const current = core.cache.get(s.id);
    if (!current) return;
    armSchedule(core, current);
    core.bus.emit('schedule.changed', { id: s.id });
  });
}

export function runSucceeded(core: EngineCore, batch: Batch, s: ScheduleRecord): void {
  s.consecutive_failures = 0;
  s.last_status = 'success';
  saveDerived(core, batch, s);
  batch.after(() => core.notifier.resolve(['run_failed', 'run_missed'], s.id));
}

/** Counts a failed run; pauses the schedule when `pause_after_failures` is reached. */
export function runFailed(core: EngineCore, batch: Batch, s: ScheduleRecord, run: Run): void {
  s.consecutive_failures += 1;
  s.last_status = 'failed';
  const limit = s.policy.pause_after_failures;
  batch.after(() => core.notifier.raise(failedAlert(s, run, core.ha)));
  if (limit > 0 && s.consecutive_failures >= limit && !s.paused) {
    const note = `Paused automatically after ${s.consecutive_failures} failed runs in a row (last error: ${run.error ?? 'unknown'}).`;
    const before = { paused: false };
    s.paused = true;
    s.paused_until = null;
    s.pause_note = note;
    s.next_run_at = null;
    s.next_planned_at = null;
    core.audit.record(core.clock.now(), SYSTEM_ACTOR, 'pause', 'schedule', s.id, before, { paused: true, note });
    batch.after(() => core.notifier.raise(pausedAlert(s, note)));
    core.logger.warn({ schedule: s.id, failures: s.consecutive_failures }, 'schedule paused after consecutive failures');
  }
  saveDerived(core, batch, s);
}
