/**
 * `schedule_changed`: a schedule changed by someone else than whoever last edited it — another HA
 * user, or a tool (MQTT, the API token, a local script) — and every import. The audit log is the
 * source: each schedule entry is compared with the previous editor of that schedule. Almanac's own
 * actions (auto-pause, completion) never notify. A user editing a schedule a tool last touched does
 * not notify either: the message is meant for changes nobody in the household expects.
 */
import type { Actor, AuditLog, RecordedAudit } from '../store/audit.js';
import type { Logger } from '../log.js';
import type { Alert } from './kinds.js';

/** The engine's own actor (engine/accounting.ts SYSTEM_ACTOR). */
export const SYSTEM_NAME = 'Almanac';

const VERBS: Record<string, string> = {
  create: 'created', update: 'changed', delete: 'deleted', enable: 'enabled', disable: 'disabled', pause: 'paused', resume: 'resumed', run_now: 'ran',
};
/** Schedule fields a person changes; derived ones (next run, counters, version) are left out of the list. */
const EDITABLE = ['name', 'enabled', 'trigger', 'timezone', 'start_at', 'end_at', 'max_runs', 'target', 'action', 'end_action', 'duration_seconds', 'conditions', 'policy', 'priority', 'tags'];

function isSystem(actor: Actor): boolean {
  return actor.id === null && actor.name === SYSTEM_NAME;
}

/** MQTT, the API token, a local call: not a person logged in to HA. */
function isTool(actor: Actor): boolean {
  return actor.id === null && !isSystem(actor);
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function changedFields(before: unknown, after: unknown): string[] {
  const a = record(before);
  const b = record(after);
  return EDITABLE.filter((k) => k in a && k in b && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/** The alert for an audit entry, or null when it is nobody else's change. */
export function changeAlert(entry: RecordedAudit, previous: Actor | undefined, name: string): Alert | null {
  const { actor } = entry;
  if (entry.subject !== 'schedule' || isSystem(actor) || entry.action === 'run_now') return null;
  if (entry.action === 'import') {
    const info = record(entry.after);
    return {
      kind: 'schedule_changed', subject: { type: 'system', id: 'import', name: 'Import' }, link: '#/schedules',
      title: `Almanac: ${actor.name} imported schedules`,
      message: `${actor.name} imported ${String(info.imported ?? '?')} schedules (${String(info.mode ?? 'merge')})${info.deleted ? ` and deleted ${String(info.deleted)}` : ''}.`,
    };
  }
  const id = entry.subject_id;
  const verb = VERBS[entry.action];
  if (!id || !verb) return null;
  const someoneElse = isTool(actor) || (actor.id !== null && previous?.id != null && previous.id !== actor.id);
  if (!someoneElse) return null;
  const fields = entry.action === 'update' ? changedFields(entry.before, entry.after) : [];
  const what = fields.length > 0 ? ` (${fields.join(', ')})` : '';
  const last = previous ? ` It was last edited by ${previous.name}.` : '';
  return {
    kind: 'schedule_changed', subject: { type: 'schedule', id, name },
    title: `Almanac: "${name}" was ${verb} by ${actor.name}`,
    message: `${actor.name} ${verb} "${name}"${what}.${last}`,
  };
}

/** Watches the audit log after each commit and raises `schedule_changed`. */
export class ScheduleChanges {
  private off: (() => void) | null = null;

  constructor(
    private readonly audit: AuditLog,
    private readonly logger: Logger,
    private readonly raise: (alert: Alert) => void,
    /** The schedule's current name (entries of enable/pause carry no name). */
    private readonly nameOf: (id: string) => string | undefined,
  ) {}

  start(): void {
    this.off = this.audit.onRecord((entry) => {
      if (entry.subject !== 'schedule' || isSystem(entry.actor)) return;
      // Inside the writer's transaction: look at it once that committed (or rolled back).
      const previous = entry.subject_id ? this.audit.lastEditor(entry.subject_id, entry.id, SYSTEM_NAME) : undefined;
      queueMicrotask(() => this.handle(entry, previous));
    });
  }

  stop(): void {
    this.off?.();
    this.off = null;
  }

  private handle(entry: RecordedAudit, previous: Actor | undefined): void {
    try {
      if (!this.audit.exists(entry.id)) return;
      const named = record(entry.after).name ?? record(entry.before).name ?? (entry.subject_id ? this.nameOf(entry.subject_id) : undefined) ?? entry.subject_id ?? 'schedule';
      const alert = changeAlert(entry, previous, String(named));
      if (alert) this.raise(alert);
    } catch (error) {
      this.logger.error({ err: error }, 'could not check a schedule change for a notification');
    }
  }
}
