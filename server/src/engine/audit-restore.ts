/**
 * "Restore this version" from the audit log: an entry's `before` snapshot is applied again as a
 * new change, audited as `restore`, with the same optimistic check as an edit (the caller names the
 * version it saw; another version answers 409). Each kind of subject has its own restorer; schedules
 * are restored here, and other features (zones, recipes) add theirs with `AuditRestorers.add`.
 */
import { DEFAULT_POLICY, type Schedule } from '../domain/schedule.js';
import type { Actor, AuditEntry } from '../store/audit.js';
import { toSchedule, type ScheduleRecord } from '../store/schedules.js';
import { applyDraft, check, neverRuns, recordFrom, store, type CommandEnv } from './commands.js';
import { transact } from './core.js';
import { AuditRestoreError, InvalidScheduleError, StaleVersionError, UnknownAuditEntryError } from './errors.js';
import { replan } from './planner.js';
import type { ScheduleDraft } from './types.js';

/** What a restore changed, for the caller to answer with (the resource as GET shows it). */
export interface Restored {
  subject: string;
  id: string;
}

/**
 * Re-applies `entry.before`. `version`: the subject's current version as the caller saw it (null
 * when the subject no longer exists and is to be re-created).
 */
export type AuditRestorer = (entry: AuditEntry, version: number | null, actor: Actor) => Restored;

export class AuditRestorers {
  private readonly bySubject = new Map<string, AuditRestorer>();

  add(subject: string, restorer: AuditRestorer): void {
    this.bySubject.set(subject, restorer);
  }

  /** Subjects that can be restored (the panel offers "restore this version" for these). */
  subjects(): string[] {
    return [...this.bySubject.keys()];
  }

  restore(entry: AuditEntry | undefined, entryId: string, version: number | null, actor: Actor): Restored {
    if (!entry) throw new UnknownAuditEntryError(entryId);
    const restorer = this.bySubject.get(entry.subject);
    if (!restorer) throw new AuditRestoreError(`A ${entry.subject} cannot be restored from the audit log (only ${this.subjects().join(', ')})`);
    return restorer(entry, version, actor);
  }
}

/** Whether a snapshot is a whole schedule (edits and deletions keep one; pauses and toggles only their fields). */
function isSchedule(snapshot: unknown): snapshot is Schedule {
  if (typeof snapshot !== 'object' || snapshot === null) return false;
  const s = snapshot as Partial<Schedule>;
  return typeof s.id === 'string' && typeof s.name === 'string' && typeof s.trigger === 'object' && typeof s.action === 'object';
}

function draftOf(s: Schedule): ScheduleDraft {
  return {
    name: s.name, enabled: s.enabled, trigger: s.trigger, timezone: s.timezone, start_at: s.start_at, end_at: s.end_at, max_runs: s.max_runs,
    target: s.target, action: s.action, end_action: s.end_action, duration_seconds: s.duration_seconds, conditions: s.conditions,
    // A snapshot from before a policy field existed gets that field's default.
    policy: { ...DEFAULT_POLICY, ...s.policy }, priority: s.priority, tags: s.tags,
  };
}

/** The schedule restorer: the version before the entry's change becomes the current one (a deleted schedule comes back with its id). */
export function scheduleRestorer(env: CommandEnv): AuditRestorer {
  return (entry, version, actor) => {
    const snapshot = entry.before;
    if (!isSchedule(snapshot)) throw new AuditRestoreError('This entry keeps no earlier version of the schedule (only edits and deletions do)');
    const core = env.core;
    const now = core.clock.now();
    const draft = draftOf(snapshot);
    const current = core.cache.get(snapshot.id);
    let next: ScheduleRecord;
    if (current) {
      if (version === null) throw new InvalidScheduleError([{ path: 'version', message: 'give the version of the schedule you see now' }]);
      if (current.version !== version) throw new StaleVersionError(current.version, version);
      next = applyDraft(env, current, draft, now, true);
    } else {
      if (version !== null) throw new AuditRestoreError(`Schedule ${snapshot.id} no longer exists: restore it without a version to create it again`);
      check(env, draft, snapshot.timezone);
      next = recordFrom(draft, snapshot.id, snapshot.timezone, now);
      const never = neverRuns(next, now, env.planEnv());
      if (never.length > 0) throw new InvalidScheduleError(never);
      replan(next, now, env.planEnv());
    }
    transact(core, (batch) => {
      store(env, batch, next, current === undefined);
      core.audit.record(now, actor, 'restore', 'schedule', next.id, current ? toSchedule(current) : undefined, toSchedule(next));
    });
    return { subject: 'schedule', id: next.id };
  };
}
