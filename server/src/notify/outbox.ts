/**
 * The outbox: every delivery still `queued` or `held`, and the one timer that moves them. A flush
 * (after a burst gathered, at the end of quiet hours, when a repeat window or the hourly budget
 * frees up, on a retry, when HA is back) sends what is due: per channel, a burst that fits the
 * channel's budget goes out message by message, a larger one as one summary; with the budget
 * spent, messages wait until it frees up (critical ones never wait).
 */
import type { Statement } from 'better-sqlite3';
import { clearPush, describeError, isCompanion, push } from './channels.js';
import { HOUR_MS, MINUTE_MS, haConnected, type NotifyContext } from './context.js';
import { PERSISTENT, type Pending } from './log.js';
import { PersistentChannel } from './persistent.js';
import { isQuiet, quietEnd, quietStart } from './quiet-hours.js';
import { afterFailure } from './retry.js';
import { foldText, quietText, type SummaryItem, type Text } from './summary.js';
import { REPORT_KINDS, type Severity } from './kinds.js';
import { inTransaction } from '../store/transaction.js';

/** A note under a push that follows held-back updates. */
function repeatNote(suppressed: number, minutes: number): string {
  return `\n\n(${suppressed} more since the last message; the same problem is pushed at most once every ${minutes} min.)`;
}

/** Deliveries grouped by channel, in order. */
function byChannelOf(deliveries: Pending[]): Map<string, Pending[]> {
  const out = new Map<string, Pending[]>();
  for (const d of deliveries) {
    const list = out.get(d.channel);
    if (list) list.push(d);
    else out.set(d.channel, [d]);
  }
  return out;
}

export class Outbox {
  readonly persistent: PersistentChannel;
  private cancelTimer: (() => void) | null = null;
  private timerAt: number | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** forgetReports's statement, prepared on first use: a round runs after every change of a notification. */
  private forgetStatement: Statement | null = null;
  /** Set by the notifier: whether HA was unavailable shortly before (for the fold text). */
  haWasDown: () => boolean = () => false;

  constructor(
    private readonly ctx: NotifyContext,
    /** Registers a flush the timer started, so `idle()` waits for it. */
    private readonly track: (work: Promise<void>) => void,
  ) {
    this.persistent = new PersistentChannel(ctx);
  }

  /** Sends what is due; one flush at a time (a request meanwhile runs another round). */
  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.round();
        } while (this.again);
      } catch (error) {
        this.ctx.logger.error({ err: error }, 'sending notifications failed');
      } finally {
        this.running = null;
        this.arm();
      }
    })();
    return this.running;
  }

  /** Stops the timer for good (a flush in progress finishes, but arms nothing). */
  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  /** Lets `arm` set timers again (start after stop). */
  resume(): void {
    this.stopped = false;
  }

  private disarm(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.timerAt = null;
  }

  /** One timer for the earliest of: a queued delivery's time, the end of quiet hours, a repeat window. */
  arm(): void {
    const at = !this.stopped && haConnected(this.ctx) ? this.nextWake() : null;
    if (at === this.timerAt) return;
    this.disarm();
    this.timerAt = at;
    if (at === null) return;
    this.cancelTimer = this.ctx.clock.setTimer(at, () => {
      this.cancelTimer = null;
      this.timerAt = null;
      this.track(this.flush());
    });
  }

  private nextWake(): number | null {
    const { log, active, clock } = this.ctx;
    const settings = this.ctx.settings();
    const now = clock.now();
    const times: number[] = [];
    const due = log.nextDue();
    if (due !== null) times.push(due);
    if (log.open('held').length > 0) times.push(isQuiet(now, settings.quiet_hours, this.ctx.zone()) ? quietEnd(now, settings.quiet_hours!, this.ctx.zone()) : now);
    for (const row of active.withSuppressed()) times.push(row.pushed_at! + settings.repeat_minutes * MINUTE_MS);
    return times.length > 0 ? Math.max(now, Math.min(...times)) : null;
  }

  private async round(): Promise<void> {
    const now = this.ctx.clock.now();
    this.releaseHeld(now);
    this.queueRepeats(now);
    if (!haConnected(this.ctx)) return;
    const byChannel = byChannelOf(this.ctx.log.open('queued').filter((d) => d.due_at === null || d.due_at <= now));
    await this.persistent.flush(byChannel.get(PERSISTENT) ?? [], now);
    byChannel.delete(PERSISTENT);
    for (const [channel, items] of byChannel) await this.flushChannel(channel, items, now);
    this.forgetReports(now);
    this.ctx.changed();
  }

  private async flushChannel(channel: string, items: Pending[], now: number): Promise<void> {
    // Summaries carry folded messages already; the outage report is the headline of what follows it.
    const summaries = items.filter((d) => d.entry.kind === 'summary' || d.entry.kind === 'test' || d.entry.kind === 'ha_disconnected');
    const messages = items.filter((d) => !summaries.includes(d));
    for (const d of summaries) await this.send(d);
    if (messages.length === 0) return;
    const { n, oldest } = this.ctx.log.sentSince(channel, now - HOUR_MS);
    const budget = this.ctx.settings().max_per_hour - n;
    if (messages.length <= budget) {
      for (const d of messages) await this.send(d);
    } else if (budget >= 1 || messages.some((d) => d.entry.severity === 'critical')) {
      const text = foldText(messages.map((d) => this.item(d)), this.haWasDown());
      await this.send(this.summarize(channel, messages, text, now));
    } else {
      const at = (oldest ?? now) + HOUR_MS;
      for (const d of messages) this.ctx.log.update(d.id, { due_at: at });
    }
  }

  private item(d: Pending): SummaryItem {
    return { kind: d.entry.kind, subject_name: d.entry.subject_name, title: d.entry.title, count: d.entry.items ?? 1, url: this.ctx.url(d.entry.link) };
  }

  /** Folds `items` into one new summary message on `channel` (queued, due now); returns it. */
  private summarize(channel: string, items: Pending[], text: Text, now: number): Pending {
    const { log, active, db } = this.ctx;
    const severity: Severity = items.some((d) => d.entry.severity === 'critical') ? 'critical' : items.some((d) => d.entry.severity === 'warning') ? 'warning' : 'info';
    return inTransaction(db, () => {
      const entry = {
        at: now, kind: 'summary', subject_type: 'system' as const, subject_id: 'summary', subject_name: 'Almanac', notification_id: null,
        title: text.title, message: text.message, link: '#/settings', severity, items: items.reduce((sum, d) => sum + (d.entry.items ?? 1), 0),
      };
      const entryId = log.add(entry);
      const id = log.deliver({ entry_id: entryId, channel, status: 'queued', fresh: 1, due_at: now });
      for (const d of items) {
        log.update(d.id, { status: 'folded', at: now, summary_id: entryId });
        if (d.entry.notification_id) active.pushed(d.entry.notification_id, now);
      }
      return { id, entry_id: entryId, channel, status: 'queued', fresh: 1, error: null, attempts: 0, due_at: now, at: null, summary_id: null, entry: { id: entryId, ...entry } } satisfies Pending;
    });
  }

  /** Sends one push and records the outcome. */
  private async send(d: Pending): Promise<void> {
    const { ha, log, active, clock, logger } = this.ctx;
    const row = d.entry.notification_id ? active.get(d.entry.notification_id) : undefined;
    const note = row && row.suppressed > 0 ? repeatNote(row.suppressed, this.ctx.settings().repeat_minutes) : '';
    const msg = { title: d.entry.title, message: `${d.entry.message}${note}`, url: this.ctx.url(d.entry.link), tag: d.entry.notification_id, severity: d.entry.severity };
    try {
      await push(ha, d.channel, msg);
      const at = clock.now();
      log.update(d.id, { status: 'delivered', at, error: null });
      if (row) active.pushed(row.id, at);
    } catch (error) {
      const e = describeError(error);
      logger.warn({ channel: d.channel, err: e.text }, 'could not send the notification; it is retried');
      log.update(d.id, afterFailure(d, e, clock.now(), haConnected(this.ctx)));
    }
  }

  /** Quiet hours are over: each channel gets what they held, one message or one summary. */
  private releaseHeld(now: number): void {
    const held = this.ctx.log.open('held');
    if (held.length === 0) return;
    const settings = this.ctx.settings();
    const zone = this.ctx.zone();
    if (isQuiet(now, settings.quiet_hours, zone)) return;
    for (const [channel, items] of byChannelOf(held)) {
      if (items.length === 1) {
        this.ctx.log.update(items[0]!.id, { status: 'queued', due_at: now });
        continue;
      }
      const quiet = settings.quiet_hours ?? { from: '', to: '' };
      const since = settings.quiet_hours ? quietStart(now - 1, settings.quiet_hours, zone) : Math.min(...items.map((d) => d.entry.at));
      this.summarize(channel, items, quietText(items.map((d) => this.item(d)), quiet, this.ctx.log.resolvedSince(channel, since)), now);
    }
  }

  /** Problems whose updates were held back by the repeat window get one follow-up push when it ends. */
  private queueRepeats(now: number): void {
    const { active, log } = this.ctx;
    const settings = this.ctx.settings();
    const windowMs = settings.repeat_minutes * MINUTE_MS;
    // Asked only when something is to be repeated: it needs the time zone (ICU's first use, 20 ms).
    let quiet: boolean | undefined;
    const isQuietNow = (): boolean => (quiet ??= isQuiet(now, settings.quiet_hours, this.ctx.zone()));
    for (const row of active.withSuppressed()) {
      if (row.pushed_at! + windowMs > now || row.persistent === 'dismiss') continue;
      const entry = log.latestFor(row.id);
      const held = entry ? log.deliveries(entry.id).filter((d) => d.status === 'suppressed') : [];
      for (const d of held) log.update(d.id, { status: row.severity !== 'critical' && isQuietNow() ? 'held' : 'queued', fresh: 1, due_at: now });
      // Nothing left to send (the channels changed): start the window afresh without a follow-up.
      if (held.length === 0) active.pushed(row.id, row.pushed_at!);
    }
  }

  /** Reports (grow phase, override ended, …) are not state: forget them once delivered and their window is over. */
  private forgetReports(now: number): void {
    const windowMs = this.ctx.settings().repeat_minutes * MINUTE_MS;
    const kinds = REPORT_KINDS.map(() => '?').join(', ');
    this.forgetStatement ??= this.ctx.db.prepare(
      `DELETE FROM notifications WHERE kind IN (${kinds})
       AND persistent IN ('none', 'off') AND suppressed = 0 AND COALESCE(pushed_at, updated_at) + ? <= ?
       AND NOT EXISTS (SELECT 1 FROM notification_deliveries d JOIN notification_log e ON e.id = d.entry_id
                       WHERE e.notification_id = notifications.id AND d.status IN ('queued', 'held'))`,
    );
    this.forgetStatement.run(...REPORT_KINDS, windowMs, now);
  }

  /** Removes a companion-app push about a resolved problem from the phones (best effort). */
  async clearFromPhones(channels: readonly string[], tag: string): Promise<void> {
    for (const channel of channels.filter(isCompanion)) {
      try {
        await clearPush(this.ctx.ha, channel, tag);
      } catch (error) {
        this.ctx.logger.debug({ channel, err: describeError(error).text }, 'could not clear the push on the phone');
      }
    }
  }
}
