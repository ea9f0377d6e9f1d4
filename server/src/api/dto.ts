/** Domain objects to wire shapes: epoch ms become ISO 8601 UTC strings (DESIGN "API conventions"). */
import type { Run } from '../domain/schedule.js';
import type { ScheduleView, Stats } from '../engine/types.js';
import type { RunDto, ScheduleDto, StatsDto } from './types.js';

export function iso(ms: number): string;
export function iso(ms: number | null): string | null;
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function toScheduleDto(view: ScheduleView, description: string): ScheduleDto {
  const s = view.schedule;
  // Every field named (not `...s` then overrides): one small fixed-shape object per schedule, where
  // a spread made a dictionary of 30 keys; a page of the list makes a hundred of them.
  return {
    id: s.id, name: s.name, enabled: s.enabled, paused_until: iso(s.paused_until), pause_note: s.pause_note,
    trigger: s.trigger, timezone: s.timezone, start_at: iso(s.start_at), end_at: iso(s.end_at), max_runs: s.max_runs,
    target: s.target, action: s.action, end_action: s.end_action, duration_seconds: s.duration_seconds,
    conditions: s.conditions, policy: s.policy, priority: s.priority, tags: s.tags,
    next_run_at: iso(s.next_run_at), last_run_at: iso(s.last_run_at), last_status: s.last_status, run_count: s.run_count,
    consecutive_failures: s.consecutive_failures, completed_at: iso(s.completed_at), version: s.version,
    created_at: iso(s.created_at), updated_at: iso(s.updated_at), grow_id: s.grow_id,
    state: view.state,
    running: view.running,
    description,
    conflict_ids: view.conflict_ids,
  };
}

export function toRunDto(run: Run, scheduleName: string | null): RunDto {
  return {
    id: run.id,
    schedule_id: run.schedule_id,
    schedule_name: scheduleName ?? run.spec?.name ?? null,
    planned_at: iso(run.planned_at),
    started_at: iso(run.started_at),
    finished_at: iso(run.finished_at),
    status: run.status,
    attempt: run.attempt,
    error: run.error,
    trigger: run.trigger,
    lateness_ms: run.started_at === null ? null : run.started_at - run.planned_at,
    calls: (run.result?.calls ?? []).map((c) => ({ ...c, at: iso(c.at) })),
    note: run.result?.note ?? null,
    user: run.actor,
    manual: run.spec ? { target: run.spec.target, action: run.spec.action, note: run.spec.note } : null,
    lock: run.lock,
    queued_at: iso(run.queued_at),
    waited_ms: run.waited_ms,
    held: run.result?.held ?? [],
  };
}

export function toStatsDto(stats: Stats): StatsDto {
  return { ...stats, next_wake: iso(stats.next_wake) };
}
