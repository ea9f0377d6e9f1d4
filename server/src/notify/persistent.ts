/**
 * The persistent-notification channel: keeps HA's notification drawer in step with the active
 * notifications. A row in state `send` is shown (created or replaced in place under its id), one in
 * `dismiss` is dismissed; a burst of new notifications beyond `max_per_hour` is folded into one
 * notification per kind that lists them (`almanac_<kind>_summary`), updated as they resolve.
 */
import { PERSISTENT_SUMMARY_PREFIX, REPORT_KINDS, type NotifyKind, type Severity } from './kinds.js';
import { dismissPersistent, describeError, showPersistent } from './channels.js';
import { HOUR_MS, haConnected, type NotifyContext } from './context.js';
import { PERSISTENT, type Pending } from './log.js';
import { afterFailure } from './retry.js';
import type { ActiveRow } from './store.js';
import { persistentSummaryText, type SummaryItem } from './summary.js';
import { inTransaction } from '../store/transaction.js';

/** The id of a kind's summary notification. */
export function summaryId(kind: string): string {
  return `almanac_${kind}_summary`;
}

function isSummary(row: Pick<ActiveRow, 'subject_id'>): boolean {
  return row.subject_id.startsWith(PERSISTENT_SUMMARY_PREFIX);
}

export class PersistentChannel {
  constructor(private readonly ctx: NotifyContext) {}

  /** Due deliveries: folds a burst, then brings HA in step. */
  async flush(due: Pending[], now: number): Promise<void> {
    // One transaction: a burst of thousands is one commit, not thousands.
    inTransaction(this.ctx.db, () => {
      const folded = this.fold(due, now);
      for (const d of due) {
        if (folded.has(d.id)) continue;
        const row = d.entry.notification_id ? this.ctx.active.get(d.entry.notification_id) : undefined;
        if (!row || row.persistent === 'dismiss' || row.persistent === 'off') this.ctx.log.update(d.id, { status: 'resolved', at: now });
      }
    });
    await this.sync(now, new Set(due.map((d) => d.id)));
  }

  /** After HA (re)connects: HA may have restarted and forgotten everything, so every open problem is shown again. */
  markForResync(): void {
    for (const row of this.ctx.active.all()) {
      if (row.persistent === 'none' && !REPORT_KINDS.includes(row.kind)) this.ctx.active.setPersistent(row.id, 'send');
    }
  }

  /** Re-renders a kind's summary after its folded list changed. */
  renderSummary(kind: NotifyKind, now: number, entry: boolean): void {
    const { active, log } = this.ctx;
    const folded = active.ofKind(kind, 'folded');
    const id = summaryId(kind);
    const current = active.get(id);
    if (folded.length === 0) {
      if (current) active.setPersistent(id, 'dismiss');
      return;
    }
    const items: SummaryItem[] = folded.map((r) => ({ kind: r.kind, subject_name: r.subject_name, title: r.title, count: 1, url: this.ctx.url(r.link) }));
    const text = persistentSummaryText(kind, items);
    const severity: Severity = folded.some((r) => r.severity === 'critical') ? 'critical' : 'warning';
    const row: ActiveRow = {
      id, kind, subject_type: 'system', subject_id: `${PERSISTENT_SUMMARY_PREFIX}${kind}`, subject_name: 'Almanac', title: text.title, message: text.message,
      link: '#/settings', severity, created_at: current?.created_at ?? now, updated_at: now, persistent: 'send', pushed_at: null, suppressed: 0,
    };
    active.save(row);
    if (!entry) return;
    const entryId = log.add({
      at: now, kind: 'summary', subject_type: 'system', subject_id: row.subject_id, subject_name: 'Almanac', notification_id: id,
      title: text.title, message: text.message, link: row.link, severity, items: folded.length,
    });
    log.deliver({ entry_id: entryId, channel: PERSISTENT, status: 'queued', fresh: 1, due_at: now });
  }

  /** More new notifications than the hour's budget: they go into their kind's summary instead. Returns the folded deliveries. */
  private fold(due: Pending[], now: number): Set<number> {
    const { active, log } = this.ctx;
    const fresh: { d: Pending; row: ActiveRow }[] = [];
    for (const d of due) {
      const row = d.fresh === 1 && d.entry.notification_id ? active.get(d.entry.notification_id) : undefined;
      if (row && row.persistent === 'send' && !isSummary(row) && row.kind !== 'ha_disconnected') fresh.push({ d, row });
    }
    const budget = this.ctx.settings().max_per_hour - log.sentSince(PERSISTENT, now - HOUR_MS).n;
    if (fresh.length === 0 || fresh.length <= budget) return new Set();
    const kinds = new Set<NotifyKind>();
    for (const { row } of fresh) {
      active.setPersistent(row.id, 'folded');
      kinds.add(row.kind);
    }
    const summaries = new Map<NotifyKind, number | null>();
    for (const kind of kinds) {
      this.renderSummary(kind, now, true);
      summaries.set(kind, log.latestFor(summaryId(kind))?.id ?? null);
    }
    for (const { d, row } of fresh) log.update(d.id, { status: 'folded', at: now, summary_id: summaries.get(row.kind) ?? null });
    return new Set(fresh.map(({ d }) => d.id));
  }

  /**
   * Shows rows in `send` and dismisses rows in `dismiss`. A row with a queued delivery this round
   * did not decide on (still gathering, or raised while the round ran) waits for the next round,
   * so that a burst is folded as a whole.
   */
  private async sync(now: number, decided: ReadonlySet<number>): Promise<void> {
    const { active, log } = this.ctx;
    for (const row of active.toSync()) {
      if (!haConnected(this.ctx)) return;
      const current = active.get(row.id);
      if (!current) continue;
      if (current.persistent === 'dismiss') await this.dismiss(current);
      else if (current.persistent === 'send' && (isSummary(current) || log.openFor(row.id, PERSISTENT).every((d) => d.status !== 'queued' || decided.has(d.id)))) {
        await this.show(current, now);
      }
    }
  }

  private text(row: ActiveRow): string {
    const url = this.ctx.url(row.link);
    return url ? `${row.message}\n\n[Open in Almanac](${url})` : row.message;
  }

  private async show(row: ActiveRow, now: number): Promise<void> {
    const { ha, log, db, logger } = this.ctx;
    const open = log.openFor(row.id, PERSISTENT).filter((d) => d.status === 'queued');
    try {
      await showPersistent(ha, row.id, row.title, this.text(row));
      // A raise while the call was in flight changed the text: leave `send` so the newer text follows.
      db.prepare("UPDATE notifications SET persistent = 'none' WHERE id = ? AND updated_at = ? AND persistent = 'send'").run(row.id, row.updated_at);
      for (const d of open) if (d.entry.at <= row.updated_at) log.update(d.id, { status: 'delivered', at: this.ctx.clock.now(), error: null });
    } catch (error) {
      const e = describeError(error);
      logger.warn({ notification: row.id, err: e.text }, 'could not show the notification in Home Assistant; retrying');
      const patches = open.map((d) => afterFailure(d, e, now, haConnected(this.ctx)));
      open.forEach((d, i) => log.update(d.id, patches[i]!));
      // Refused for good (or a re-show after a reconnect with nothing to record): stop trying until it changes.
      if (!e.waitForHa && (open.length === 0 || patches.some((p) => p.status === 'failed'))) this.ctx.active.setPersistent(row.id, 'none');
    }
  }

  private async dismiss(row: ActiveRow): Promise<void> {
    try {
      await dismissPersistent(this.ctx.ha, row.id);
      this.ctx.db.prepare("DELETE FROM notifications WHERE id = ? AND persistent = 'dismiss'").run(row.id);
    } catch (error) {
      this.ctx.logger.warn({ notification: row.id, err: describeError(error).text }, 'could not dismiss the notification; retrying when Home Assistant is back');
    }
  }
}
