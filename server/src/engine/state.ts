/** The state a schedule is shown in (domain `ScheduleState`), derived from its fields. */
import type { ScheduleState } from '../domain/schedule.js';
import type { ScheduleRecord } from '../store/schedules.js';

/**
 * completed > disabled > paused > failing > enabled. "Failing" means the last run failed and the
 * schedule keeps trying (it pauses itself after `pause_after_failures`).
 */
export function scheduleState(s: ScheduleRecord, now: number): ScheduleState {
  if (s.completed_at !== null) return 'completed';
  if (!s.enabled) return 'disabled';
  if (s.paused && (s.paused_until === null || s.paused_until > now)) return 'paused';
  if (s.consecutive_failures > 0) return 'failing';
  return 'enabled';
}
