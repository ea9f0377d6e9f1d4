/**
 * HA persistent notifications for failed, missed, interrupted runs and auto-pauses: one per schedule
 * and kind (stable `notification_id`, so a new alert updates the old one), dismissed when the
 * schedule next succeeds (or is resumed), re-created after HA restarts (HA forgets them), optionally
 * copied to a `notify.*` service, and rate-limited per notification.
 */
import type { Clock, HaGateway } from '../engine/ports.js';
import type { Logger } from '../log.js';
import type { Db } from '../store/db.js';
import { notificationId, type Alert, type NotifyKind } from './kinds.js';
import { NotificationStore, type NotificationRow } from './store.js';

export interface NotifierOptions {
  db: Db;
  ha: HaGateway;
  clock: Clock;
  logger: Logger;
  /** Kinds to notify about (add-on option `notify_kinds`). */
  kinds: readonly string[];
  /** Also send to this HA notify service, e.g. "notify.mobile_app_phone". */
  notifyService?: string;
  /** At most one message per notification in this many minutes; 0: no limit. */
  rateLimitMinutes: number;
  /** The panel's path in HA, e.g. "/hassio/ingress/almanac"; the schedule's route is appended. */
  panelPath: string;
  /** In dry-run mode no service is called, notifications included. */
  dryRun: () => boolean;
}

const MINUTE_MS = 60_000;

export class Notifier {
  private readonly store: NotificationStore;
  private readonly inFlight = new Set<Promise<void>>();
  private cancelFlush: (() => void) | null = null;
  private flushAt: number | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly options: NotifierOptions) {
    this.store = new NotificationStore(options.db);
  }

  /** Re-sends what HA may have lost whenever HA (re)connects. */
  start(): void {
    this.unsubscribe = this.options.ha.on('ready', () => this.track(this.resync()));
    this.armFlush();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.cancelFlush?.();
    this.cancelFlush = null;
    this.flushAt = null;
  }

  /** Resolves when no notification call is outstanding (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** The markdown link to the schedule (or, for a conflict, to the conflict) in the panel. */
  link(scheduleId: string, kind?: string): string {
    const page = kind === 'conflict' ? 'conflicts' : 'schedules';
    return `[Open in Almanac](${this.options.panelPath}#/${page}/${encodeURIComponent(scheduleId)})`;
  }

  /** Raises (or updates) the notification of this schedule and kind. */
  raise(alert: Alert): void {
    if (!this.options.kinds.includes(alert.kind)) return;
    if (this.options.dryRun()) {
      this.options.logger.info({ alert }, 'dry run: notification not sent');
      return;
    }
    const now = this.options.clock.now();
    const id = notificationId(alert.scheduleId, alert.kind);
    const old = this.store.get(id);
    const row: NotificationRow = {
      id,
      schedule_id: alert.scheduleId,
      kind: alert.kind,
      title: alert.title,
      message: alert.message,
      created_at: old?.created_at ?? now,
      updated_at: now,
      sent_at: old?.sent_at ?? null,
      pending: 'send',
      suppressed: old?.suppressed ?? 0,
    };
    const limitMs = this.options.rateLimitMinutes * MINUTE_MS;
    if (old && old.pending !== 'dismiss' && old.sent_at !== null && now - old.sent_at < limitMs) {
      row.suppressed += 1;
      this.store.save(row);
      this.armFlush();
      return;
    }
    this.store.save(row);
    this.track(this.send(row, true));
  }

  /** Dismisses the schedule's notifications of these kinds (the schedule succeeded, was resumed, or deleted). */
  resolve(scheduleId: string, kinds: readonly NotifyKind[]): void {
    for (const row of this.store.forSchedule(scheduleId)) {
      if (!kinds.includes(row.kind as NotifyKind)) continue;
      this.store.mark(row.id, 'dismiss', row.sent_at, 0);
      this.track(this.dismiss(row.id));
    }
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private text(row: NotificationRow): string {
    const more = row.suppressed > 0 ? `\n\n(${row.suppressed} more since the last message; messages are limited to one per ${this.options.rateLimitMinutes} min.)` : '';
    return `${row.message}${more}\n\n${this.link(row.schedule_id, row.kind)}`;
  }

  private async send(row: NotificationRow, fresh: boolean): Promise<void> {
    const { ha, clock, logger, notifyService } = this.options;
    const message = this.text(row);
    try {
      await ha.callService({ domain: 'persistent_notification', service: 'create', data: { notification_id: row.id, title: row.title, message } });
      if (fresh && notifyService) {
        const dot = notifyService.indexOf('.');
        await ha.callService({ domain: notifyService.slice(0, dot), service: notifyService.slice(dot + 1), data: { title: row.title, message } });
      }
      this.store.mark(row.id, 'none', clock.now(), 0);
    } catch (error) {
      logger.warn({ err: error, notification: row.id }, 'could not send the notification; retrying when Home Assistant is back');
    }
  }

  private async dismiss(id: string): Promise<void> {
    try {
      await this.options.ha.callService({ domain: 'persistent_notification', service: 'dismiss', data: { notification_id: id } });
      this.store.delete(id);
    } catch (error) {
      this.options.logger.warn({ err: error, notification: id }, 'could not dismiss the notification; retrying when Home Assistant is back');
    }
  }

  /** After HA (re)connects: pending dismissals, pending sends, and every active notification again (HA may have restarted). */
  private async resync(): Promise<void> {
    if (this.options.dryRun()) return;
    for (const row of this.store.all()) {
      if (row.pending === 'dismiss') await this.dismiss(row.id);
      else if (row.pending === 'none' || !this.rateLimited(row)) await this.send(row, row.pending === 'send');
    }
    this.armFlush();
  }

  private rateLimited(row: NotificationRow): boolean {
    return row.sent_at !== null && this.options.clock.now() - row.sent_at < this.options.rateLimitMinutes * MINUTE_MS;
  }

  /** One timer for the earliest rate-limited update that may go out. */
  private armFlush(): void {
    const limitMs = this.options.rateLimitMinutes * MINUTE_MS;
    const now = this.options.clock.now();
    // Only rows held back by the limit; a send that failed waits for HA's `ready` instead of looping.
    const due = this.store
      .withPending('send')
      .filter((r) => r.sent_at !== null && r.sent_at + limitMs > now)
      .map((r) => r.sent_at! + limitMs);
    const at = due.length > 0 ? Math.min(...due) : null;
    if (at === this.flushAt) return;
    this.cancelFlush?.();
    this.cancelFlush = null;
    this.flushAt = at;
    if (at === null) return;
    this.cancelFlush = this.options.clock.setTimer(at, () => {
      this.cancelFlush = null;
      this.flushAt = null;
      this.track(this.flush());
    });
  }

  private async flush(): Promise<void> {
    if (!this.options.dryRun()) {
      for (const row of this.store.withPending('send')) if (!this.rateLimited(row)) await this.send(row, true);
    }
    this.armFlush();
  }
}
