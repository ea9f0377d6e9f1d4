/**
 * The notifier: what Almanac tells people, on which channels, and when. Any part raises an alert
 * (`raise`) for a kind and a subject and resolves it when the problem is over (`resolve`). The
 * settings (per kind: persistent notification, `notify.*` services, severity; quiet hours; hourly
 * budget; repeat window) decide where it goes; the outbox decides when. Nothing here ever throws
 * into the caller or fails a run: a notification that cannot go out waits and is retried.
 */
import type { Clock, HaGateway } from '../engine/ports.js';
import type { Logger } from '../log.js';
import type { Actor, AuditLog } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { inTransaction } from '../store/transaction.js';
import { dismissPersistent, describeError, push, showPersistent } from './channels.js';
import { MINUTE_MS, haConnected, type NotifyContext } from './context.js';
import { HaWatch } from './ha-watch.js';
import { isNotifyKind, notificationId, type Alert, type NotifyKind } from './kinds.js';
import { NotificationLog, PERSISTENT, type Delivery, type LogEntry, type LogFilter } from './log.js';
import { Outbox } from './outbox.js';
import { recordAlert, recordResolve } from './record.js';
import { ScheduleChanges } from './schedule-changes.js';
import type { NotificationSettings } from './settings.js';
import { NotificationSettingsStore, SETTINGS_SUBJECT_ID, type VersionedSettings } from './settings-store.js';
import { ActiveStore } from './store.js';

export interface NotifierOptions {
  db: Db;
  ha: HaGateway;
  clock: Clock;
  logger: Logger;
  audit: AuditLog;
  /** The settings of a new install (made from the add-on options). */
  defaults: NotificationSettings;
  /** The panel's path in HA, e.g. "/hassio/ingress/almanac"; route fragments are appended. */
  panelPath: string;
  /** In dry-run mode nothing is sent (the history records what would have been). */
  dryRun: () => boolean;
  /** HA's time zone, for quiet hours and times in messages. */
  zone: () => string;
  /** A schedule's current name (for `schedule_changed`). */
  scheduleName?: (id: string) => string | undefined;
  /** Called when the history changed (the panel's event stream). */
  onChange?: () => void;
}

/** History is kept this long (issue 12: "last 30 days"). */
export const HISTORY_DAYS = 30;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** The history is pruned this often. */
const PRUNE_EVERY_MS = 6 * 60 * MINUTE_MS;
/** The persistent notification a test creates (one, replaced by the next test). */
const TEST_ID = 'almanac_test';

export type HistoryItem = { entry: LogEntry; deliveries: Delivery[] };

export class Notifier {
  readonly settingsStore: NotificationSettingsStore;
  private readonly ctx: NotifyContext;
  private readonly outbox: Outbox;
  private readonly watch: HaWatch;
  private readonly changes: ScheduleChanges;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly offs: (() => void)[] = [];
  private cancelPrune: (() => void) | null = null;
  private stopped = true;

  constructor(private readonly options: NotifierOptions) {
    const { db, ha, clock, logger } = options;
    this.settingsStore = new NotificationSettingsStore(db, options.audit, () => clock.now(), options.defaults);
    this.ctx = {
      db, ha, clock, logger, active: new ActiveStore(db), log: new NotificationLog(db),
      settings: () => this.settingsStore.current().settings,
      zone: options.zone,
      url: (fragment) => (fragment ? `${options.panelPath}${fragment}` : null),
      changed: () => options.onChange?.(),
    };
    this.outbox = new Outbox(this.ctx, (work) => this.track(work));
    this.watch = new HaWatch({
      ha, clock, logger, zone: options.zone, raise: (a) => this.raise(a), thresholdMinutes: () => this.ctx.settings().ha_disconnected_minutes,
    });
    this.outbox.haWasDown = () => this.watch.recentlyDown();
    this.changes = new ScheduleChanges(options.audit, logger, (a) => this.raise(a), options.scheduleName ?? (() => undefined));
  }

  start(): void {
    this.outbox.resume();
    this.stopped = false;
    // The watch first: its outage report must replace the waiting alert before anything is sent.
    this.watch.start();
    this.offs.push(
      this.options.ha.on('connection', (status) => {
        if (status.state === 'connected') this.onConnected();
      }),
      this.options.ha.on('ready', () => this.kick()),
    );
    this.changes.start();
    this.prune();
    if (haConnected(this.ctx)) this.kick();
  }

  stop(): void {
    this.stopped = true;
    for (const off of this.offs.splice(0)) off();
    this.watch.stop();
    this.changes.stop();
    this.outbox.stop();
    this.cancelPrune?.();
    this.cancelPrune = null;
  }

  /** Resolves when no notification call is outstanding (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Raises (or updates in place) the notification of this kind and subject. Never throws. */
  raise(alert: Alert): void {
    try {
      if (!isNotifyKind(alert.kind)) throw new TypeError(`unknown notification kind ${String(alert.kind)}`);
      const dryRun = this.options.dryRun();
      const recorded = inTransaction(this.ctx.db, () => recordAlert(this.ctx, alert, this.ctx.settings(), dryRun));
      if (!recorded) return;
      if (dryRun) this.ctx.logger.info({ kind: alert.kind, subject: alert.subject.id }, 'dry run: notification not sent');
      if (recorded.foldedKind) this.outbox.persistent.renderSummary(recorded.foldedKind, this.ctx.clock.now(), false);
      if (recorded.dismissed) this.track(dismissPersistent(this.ctx.ha, notificationId(alert.kind, alert.subject)).catch(() => {}));
      this.ctx.changed();
      if (!dryRun) this.kick();
    } catch (error) {
      this.ctx.logger.error({ err: error, kind: alert.kind }, 'could not raise the notification');
    }
  }

  /**
   * The problem is over: dismisses the subject's notifications of these kinds. Never throws. Every
   * successful run asks this of its schedule's failures; with none open, nothing else is done.
   */
  resolve(kinds: NotifyKind | readonly NotifyKind[], subjectId: string): void {
    try {
      const list: readonly string[] = typeof kinds === 'string' ? [kinds] : kinds;
      const done = inTransaction(this.ctx.db, () => recordResolve(this.ctx, list, subjectId));
      if (done.ended === 0) return;
      const now = this.ctx.clock.now();
      for (const kind of done.foldedKinds) this.outbox.persistent.renderSummary(kind, now, false);
      for (const { id, kind } of done.cleared) this.track(this.outbox.clearFromPhones(this.ctx.settings().kinds[kind].notify, id));
      this.kick();
    } catch (error) {
      this.ctx.logger.error({ err: error, subject: subjectId }, 'could not resolve the notification');
    }
  }

  settings(): VersionedSettings {
    return this.settingsStore.current();
  }

  /** Saves new settings (audited); held messages are released at once if quiet hours were turned off. */
  updateSettings(next: NotificationSettings, actor: Actor, version?: number): VersionedSettings {
    const saved = this.settingsStore.save(next, actor, version);
    this.kick();
    return saved;
  }

  history(filter: LogFilter): HistoryItem[] {
    return this.ctx.log.list(filter);
  }

  /** Sends a test message to one channel now (no quiet hours, no budget, no retry) and records it. */
  async sendTest(channel: string, actor: Actor): Promise<HistoryItem> {
    const { log, clock, ha } = this.ctx;
    const now = clock.now();
    const title = 'Almanac: test notification';
    const message = `A test from Almanac, sent by ${actor.name}. If you can read this, notifications reach ${channel === PERSISTENT ? "Home Assistant's notification list" : channel}.`;
    const entryId = log.add({
      at: now, kind: 'test', subject_type: 'system', subject_id: 'test', subject_name: 'Test', notification_id: channel === PERSISTENT ? TEST_ID : null,
      title, message, link: '#/settings', severity: 'info', items: 1,
    });
    const id = log.deliver({ entry_id: entryId, channel, status: 'queued', fresh: 0, due_at: null });
    try {
      const url = this.ctx.url('#/settings');
      if (channel === PERSISTENT) await showPersistent(ha, TEST_ID, title, `${message}\n\n[Open in Almanac](${url})`);
      else await push(ha, channel, { title, message, url, tag: 'almanac_test', severity: 'info' });
      log.update(id, { status: 'delivered', at: clock.now() });
    } catch (error) {
      log.update(id, { status: 'failed', at: clock.now(), error: describeError(error).text, attempts: 1 });
    }
    const deliveries = log.deliveries(entryId);
    this.options.audit.record(clock.now(), actor, 'test_notification', 'settings', SETTINGS_SUBJECT_ID, undefined, { channel, status: deliveries[0]!.status, error: deliveries[0]!.error });
    this.ctx.changed();
    return { entry: log.entry(entryId)!, deliveries };
  }

  /**
   * HA is back (its `ready`, which follows, sends): everything HA may have lost is shown again, and
   * what waited for HA, retries included, goes out now.
   */
  private onConnected(): void {
    try {
      if (!this.options.dryRun()) this.outbox.persistent.markForResync();
      this.ctx.db.prepare("UPDATE notification_deliveries SET due_at = NULL WHERE status = 'queued' AND due_at > ?").run(this.ctx.clock.now());
    } catch (error) {
      this.ctx.logger.error({ err: error }, 'could not prepare the notifications after Home Assistant came back');
    }
  }

  private kick(): void {
    if (this.options.dryRun() || this.stopped) return;
    this.track(this.outbox.flush());
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private prune(): void {
    try {
      this.ctx.log.prune(this.ctx.clock.now() - HISTORY_DAYS * DAY_MS);
    } catch (error) {
      this.ctx.logger.warn({ err: error }, 'could not prune the notification history');
    }
    if (this.stopped) return;
    this.cancelPrune = this.ctx.clock.setTimer(this.ctx.clock.now() + PRUNE_EVERY_MS, () => this.prune());
  }
}
