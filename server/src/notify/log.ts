/**
 * Every message Almanac sent or meant to send (`notification_log`) and, per channel, what became
 * of it (`notification_deliveries`). Deliveries still `queued` or `held` are the outbox; the rest
 * is the history the panel lists (kept 30 days).
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/db.js';
import type { Severity, SubjectType } from './kinds.js';
import { inTransaction } from '../store/transaction.js';

/**
 * `queued`: waiting to go (gathering a burst, HA away, a retry after an error); `held`: quiet
 * hours; `delivered`; `failed`: given up after retries; `suppressed`: the same problem was pushed
 * less than the repeat window ago (the persistent notification was updated instead); `folded`:
 * sent inside a summary; `replaced`: a newer message about the same problem took its place before
 * it went out; `resolved`: the problem was over before it went out; `dry_run`: not sent (dry run).
 */
export const DELIVERY_STATUSES = ['queued', 'held', 'delivered', 'failed', 'suppressed', 'folded', 'replaced', 'resolved', 'dry_run'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The persistent-notification channel, next to `notify.<service>` channels. */
export const PERSISTENT = 'persistent';

export interface LogEntry {
  id: number;
  at: number;
  /** A NotifyKind, `summary` (folded messages) or `test`. */
  kind: string;
  subject_type: SubjectType;
  subject_id: string;
  subject_name: string;
  notification_id: string | null;
  title: string;
  message: string;
  link: string | null;
  severity: Severity;
  /** Summaries: how many messages they carry. */
  items: number | null;
}

export interface Delivery {
  id: number;
  entry_id: number;
  channel: string;
  status: DeliveryStatus;
  /** 1: counts toward max_per_hour (a push, or a new persistent notification); 0: an update in place. */
  fresh: number;
  error: string | null;
  attempts: number;
  /** queued: not before this (null: as soon as HA is there). */
  due_at: number | null;
  /** When it was delivered, failed for good, or otherwise settled. */
  at: number | null;
  /** folded: the summary entry that carried it. */
  summary_id: number | null;
}

/** An open delivery with its message. */
export type Pending = Delivery & { entry: LogEntry };

export interface LogFilter {
  kind?: string;
  subject_id?: string;
  channel?: string;
  since?: number;
  until?: number;
  /** Entries with an id below this (paging, newest first). */
  before?: number;
  limit: number;
}

type JoinedRow = Delivery & { e_at: number; e_kind: string; subject_type: SubjectType; subject_id: string; subject_name: string; notification_id: string | null; title: string; message: string; link: string | null; severity: Severity; items: number | null };

function split(row: JoinedRow): Pending {
  const { e_at, e_kind, subject_type, subject_id, subject_name, notification_id, title, message, link, severity, items, ...d } = row;
  return { ...d, entry: { id: d.entry_id, at: e_at, kind: e_kind, subject_type, subject_id, subject_name, notification_id, title, message, link, severity, items } };
}

const JOINED = `SELECT d.*, e.at AS e_at, e.kind AS e_kind, e.subject_type, e.subject_id, e.subject_name, e.notification_id, e.title, e.message, e.link, e.severity, e.items
  FROM notification_deliveries d JOIN notification_log e ON e.id = d.entry_id`;

export class NotificationLog {
  private readonly insertEntry;
  private readonly insertDelivery;
  private readonly openStmt;
  private readonly openForStmt;
  private readonly sentStmt;
  private readonly deliveriesStmt;
  private readonly entryStmt;
  private readonly latestStmt;
  private readonly nextDueStmt;
  private readonly resolvedStmt;
  /** UPDATE statements by the set of fields they change (a handful of shapes). */
  private readonly updates = new Map<string, Statement>();

  constructor(private readonly db: Db) {
    this.insertEntry = db.prepare(
      `INSERT INTO notification_log (at, kind, subject_type, subject_id, subject_name, notification_id, title, message, link, severity, items)
       VALUES (@at, @kind, @subject_type, @subject_id, @subject_name, @notification_id, @title, @message, @link, @severity, @items)`,
    );
    this.insertDelivery = db.prepare(
      `INSERT INTO notification_deliveries (entry_id, channel, status, fresh, error, attempts, due_at, at, summary_id)
       VALUES (@entry_id, @channel, @status, @fresh, @error, @attempts, @due_at, @at, @summary_id)`,
    );
    this.openStmt = db.prepare<[string], JoinedRow>(`${JOINED} WHERE d.status = ? ORDER BY d.id`);
    this.openForStmt = db.prepare<[string, string | null, string | null], JoinedRow>(
      `${JOINED} WHERE e.notification_id = ? AND (? IS NULL OR d.channel = ?) AND d.status IN ('queued', 'held')`,
    );
    this.sentStmt = db.prepare<[string, number], { n: number; oldest: number | null }>(
      `SELECT COUNT(*) AS n, MIN(at) AS oldest FROM notification_deliveries WHERE channel = ? AND fresh = 1 AND at > ? AND status = 'delivered'`,
    );
    this.deliveriesStmt = db.prepare<[number], Delivery>('SELECT * FROM notification_deliveries WHERE entry_id = ? ORDER BY id');
    this.entryStmt = db.prepare<[number], LogEntry>('SELECT * FROM notification_log WHERE id = ?');
    this.latestStmt = db.prepare<[string], LogEntry>('SELECT * FROM notification_log WHERE notification_id = ? ORDER BY id DESC LIMIT 1');
    this.nextDueStmt = db.prepare<[], { at: number | null }>("SELECT MIN(due_at) AS at FROM notification_deliveries WHERE status = 'queued' AND due_at IS NOT NULL");
    this.resolvedStmt = db.prepare<[string, number], { n: number }>(
      `SELECT COUNT(*) AS n FROM notification_deliveries d JOIN notification_log e ON e.id = d.entry_id
       WHERE d.channel = ? AND d.status = 'resolved' AND e.at >= ? AND e.severity != 'critical'`,
    );
  }

  add(entry: Omit<LogEntry, 'id'>): number {
    return Number(this.insertEntry.run(entry).lastInsertRowid);
  }

  deliver(d: Omit<Delivery, 'id' | 'error' | 'attempts' | 'at' | 'summary_id' | 'due_at'> & Partial<Pick<Delivery, 'error' | 'at' | 'summary_id' | 'due_at'>>): number {
    return Number(this.insertDelivery.run({ error: null, attempts: 0, due_at: null, at: null, summary_id: null, ...d }).lastInsertRowid);
  }

  update(id: number, patch: Partial<Omit<Delivery, 'id' | 'entry_id' | 'channel'>>): void {
    const keys = Object.keys(patch).sort();
    if (keys.length === 0) return;
    const sql = keys.join(',');
    let stmt = this.updates.get(sql);
    if (!stmt) this.updates.set(sql, (stmt = this.db.prepare(`UPDATE notification_deliveries SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`)));
    stmt.run({ ...patch, id });
  }

  /** Open deliveries in `status`, oldest first. */
  open(status: 'queued' | 'held'): Pending[] {
    return this.openStmt.all(status).map(split);
  }

  /** Open deliveries of one notification (on one channel, or on all). */
  openFor(notificationId: string, channel: string | null = null): Pending[] {
    return this.openForStmt.all(notificationId, channel, channel).map(split);
  }

  /** Messages that used the channel's budget after `since`, and the oldest of them. */
  sentSince(channel: string, since: number): { n: number; oldest: number | null } {
    return this.sentStmt.get(channel, since)!;
  }

  /** The newest entry about a notification. */
  latestFor(notificationId: string): LogEntry | undefined {
    return this.latestStmt.get(notificationId);
  }

  /** When the next queued delivery with a time is due (null: none). */
  nextDue(): number | null {
    return this.nextDueStmt.get()!.at;
  }

  /** Non-critical messages on a channel, raised since `since`, whose problem ended before they went out. */
  resolvedSince(channel: string, since: number): number {
    return this.resolvedStmt.get(channel, since)!.n;
  }

  deliveries(entryId: number): Delivery[] {
    return this.deliveriesStmt.all(entryId);
  }

  entry(id: number): LogEntry | undefined {
    return this.entryStmt.get(id);
  }

  /** Entries newest first, with their deliveries. */
  list(filter: LogFilter): { entry: LogEntry; deliveries: Delivery[] }[] {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: filter.limit };
    if (filter.kind !== undefined) (where.push('e.kind = @kind'), (params.kind = filter.kind));
    if (filter.subject_id !== undefined) (where.push('e.subject_id = @subject_id'), (params.subject_id = filter.subject_id));
    if (filter.since !== undefined) (where.push('e.at >= @since'), (params.since = filter.since));
    if (filter.until !== undefined) (where.push('e.at < @until'), (params.until = filter.until));
    if (filter.before !== undefined) (where.push('e.id < @before'), (params.before = filter.before));
    if (filter.channel !== undefined) {
      where.push('EXISTS (SELECT 1 FROM notification_deliveries c WHERE c.entry_id = e.id AND c.channel = @channel)');
      params.channel = filter.channel;
    }
    const sql = `SELECT e.* FROM notification_log e ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.id DESC LIMIT @limit`;
    const entries = this.db.prepare<Record<string, unknown>, LogEntry>(sql).all(params);
    return entries.map((entry) => ({ entry, deliveries: this.deliveries(entry.id) }));
  }

  /** Deletes entries older than `cutoff` that have nothing left to deliver; returns how many. */
  prune(cutoff: number): number {
    return inTransaction(this.db, () => {
      const old = `SELECT id FROM notification_log WHERE at < @cutoff AND NOT EXISTS
        (SELECT 1 FROM notification_deliveries d WHERE d.entry_id = notification_log.id AND d.status IN ('queued', 'held'))`;
      this.db.prepare(`DELETE FROM notification_deliveries WHERE entry_id IN (${old})`).run({ cutoff });
      return this.db.prepare(`DELETE FROM notification_log WHERE id IN (${old})`).run({ cutoff }).changes;
    });
  }
}
