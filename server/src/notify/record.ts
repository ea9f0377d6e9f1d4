/**
 * Writing a raised alert and a resolution into the stores (one transaction each); the outbox sends
 * afterwards. The rules for one channel and one raise:
 * - persistent: a new notification waits a few seconds (a burst gathers, to fold if it is big);
 *   an update of one already shown is replaced in place; a folded one stays in its summary.
 * - push: the same problem (kind and subject) pushed less than `repeat_minutes` ago is not pushed
 *   again (`suppressed`, counted for the follow-up); an older queued or held push is `replaced`
 *   by the new one; during quiet hours all but `critical` are `held`.
 */
import { isQuiet } from './quiet-hours.js';
import { MINUTE_MS, type NotifyContext } from './context.js';
import { defaultLink, maxSeverity, notificationId, type Alert, type NotifyKind } from './kinds.js';
import { PERSISTENT } from './log.js';
import type { NotificationSettings } from './settings.js';
import type { ActiveRow, PersistentState } from './store.js';

/** How long a new message waits for others of the same burst (a reconnect's catch-up, a failing pump group). */
export const GATHER_MS = 2_000;

export interface Recorded {
  entryId: number;
  /** Kinds whose persistent summary must be re-rendered. */
  foldedKind: NotifyKind | null;
  /** The notification was on screen and the settings now say no persistent notification: dismiss it. */
  dismissed: boolean;
}

function persistentState(old: ActiveRow | undefined, on: boolean): PersistentState {
  if (!on) return 'off';
  return old?.persistent === 'folded' ? 'folded' : 'send';
}

/** Writes the alert (dry run: history only). Returns null when the kind is switched off entirely. */
export function recordAlert(ctx: NotifyContext, alert: Alert, settings: NotificationSettings, dryRun: boolean): Recorded | null {
  const ks = settings.kinds[alert.kind];
  if (!ks.persistent && ks.notify.length === 0) return null;
  const { active, log, clock } = ctx;
  const now = clock.now();
  const id = notificationId(alert.kind, alert.subject);
  const found = active.get(id);
  const old = found && found.persistent !== 'dismiss' ? found : undefined;
  const severity = maxSeverity(ks.severity, alert.severity);
  const link = alert.link ?? defaultLink(alert.subject);
  const entryId = log.add({
    at: now, kind: alert.kind, subject_type: alert.subject.type, subject_id: alert.subject.id, subject_name: alert.subject.name,
    notification_id: id, title: alert.title, message: alert.message, link, severity, items: alert.count ?? 1,
  });
  const channels = [...(ks.persistent ? [PERSISTENT] : []), ...ks.notify];
  if (dryRun) {
    for (const channel of channels) log.deliver({ entry_id: entryId, channel, status: 'dry_run', fresh: 0, at: now });
    return { entryId, foldedKind: null, dismissed: false };
  }
  const persistent = persistentState(old, ks.persistent);
  const inWindow = old?.pushed_at != null && now - old.pushed_at < settings.repeat_minutes * MINUTE_MS;
  const quiet = severity !== 'critical' && isQuiet(now, settings.quiet_hours, ctx.zone());
  let suppressed = old?.suppressed ?? 0;
  for (const channel of channels) {
    for (const earlier of log.openFor(id, channel)) log.update(earlier.id, { status: 'replaced', at: now });
    if (channel === PERSISTENT) {
      const status = persistent === 'folded' ? 'folded' : 'queued';
      log.deliver({ entry_id: entryId, channel, status, fresh: old ? 0 : 1, due_at: old ? now : now + GATHER_MS, ...(status === 'folded' ? { at: now } : {}) });
    } else if (inWindow) {
      log.deliver({ entry_id: entryId, channel, status: 'suppressed', fresh: 0, at: now });
    } else {
      log.deliver({ entry_id: entryId, channel, status: quiet ? 'held' : 'queued', fresh: 1, due_at: now + GATHER_MS });
    }
  }
  if (inWindow && ks.notify.length > 0) suppressed += 1;
  active.save({
    id, kind: alert.kind, subject_type: alert.subject.type, subject_id: alert.subject.id, subject_name: alert.subject.name, title: alert.title,
    message: alert.message, link, severity, created_at: old?.created_at ?? now, updated_at: now, persistent, pushed_at: old?.pushed_at ?? null, suppressed,
  });
  const wasShown = old !== undefined && (old.persistent === 'none' || old.persistent === 'send');
  return { entryId, foldedKind: persistent === 'folded' ? alert.kind : null, dismissed: !ks.persistent && wasShown };
}

/** What resolving changed: rows to dismiss in HA, kinds whose summary shrank, pushes to clear from phones. */
export interface Resolved {
  /** How many of the subject's notifications ended. */
  ended: number;
  foldedKinds: Set<NotifyKind>;
  cleared: { id: string; kind: NotifyKind }[];
}

/** Marks the subject's notifications of these kinds as over; their queued or held pushes will not go out. */
export function recordResolve(ctx: NotifyContext, kinds: readonly string[], subjectId: string): Resolved {
  const { active, log, clock } = ctx;
  const now = clock.now();
  const out: Resolved = { ended: 0, foldedKinds: new Set(), cleared: [] };
  for (const row of active.forSubject(subjectId)) {
    if (!kinds.includes(row.kind) || row.persistent === 'dismiss') continue;
    out.ended++;
    for (const d of log.openFor(row.id)) log.update(d.id, { status: 'resolved', at: now });
    if (row.pushed_at !== null) out.cleared.push({ id: row.id, kind: row.kind });
    if (row.persistent === 'folded') out.foldedKinds.add(row.kind);
    if (row.persistent === 'none' || row.persistent === 'send') active.setPersistent(row.id, 'dismiss');
    else active.delete(row.id);
  }
  return out;
}
