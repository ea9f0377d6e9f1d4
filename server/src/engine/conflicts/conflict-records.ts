/**
 * The conflicts' side effects, kept in line with what the detector finds: a record per known
 * conflict (so a restart does not notify again), the decisions about them (a decision whose
 * schedules changed what makes the conflict lapses, audited as `reopen`), one HA notification per
 * open conflict (raised once, dismissed when it is resolved or gone), the index of open conflicts
 * by schedule, and the `conflicts.changed` event when their number changes.
 */
import { conflictAlert } from '../../notify/messages.js';
import type { ConflictRecord, ConflictRepository } from '../../store/conflicts.js';
import { SYSTEM_ACTOR } from '../accounting.js';
import type { EngineCore } from '../core.js';
import type { ConflictDetector } from './detector.js';
import type { ConflictViews } from './views.js';
import { inTransaction } from '../../store/transaction.js';

export class ConflictRecords {
  /** Open conflicts by schedule, and the open conflicts' schedules (to take them out again). */
  private readonly openBySchedule = new Map<string, Set<string>>();
  private readonly openIds = new Map<string, readonly string[]>();
  private lastOpen = -1;

  constructor(
    private readonly core: EngineCore,
    private readonly repo: ConflictRepository,
    private readonly views: ConflictViews,
    private readonly zone: () => string,
  ) {}

  openCount(): number {
    return this.openIds.size;
  }

  idsOf(scheduleId: string): string[] {
    return [...(this.openBySchedule.get(scheduleId) ?? [])];
  }

  /** Forgets the open index (a detection from scratch follows, with every id). */
  reset(): void {
    this.openIds.clear();
    this.openBySchedule.clear();
  }

  /** A record and its notification go. */
  drop(rec: ConflictRecord): void {
    if (rec.notified) this.core.notifier.resolve('conflict', rec.id);
    this.repo.delete(rec.id);
  }

  /** Brings the records, notifications and the open index of these conflicts in line with `detector`. */
  reconcile(detector: ConflictDetector, ids: Iterable<string>): void {
    const { core } = this;
    const now = core.clock.now();
    inTransaction(core.db, () => {
      for (const id of new Set(ids)) this.one(detector, id, now);
    });
    const open = this.openIds.size;
    if (open !== this.lastOpen) {
      this.lastOpen = open;
      core.bus.emit('conflicts.changed', { open });
    }
  }

  private one(detector: ConflictDetector, id: string, now: number): void {
    const { core, repo, views } = this;
    const c = detector.get(id);
    const stored = repo.get(id);
    let rec = stored;
    if (rec?.decision && views.standing(rec.decision) && !views.stillHolds(rec.decision)) {
      core.audit.record(now, SYSTEM_ACTOR, 'reopen', 'conflict', id, { resolution: rec.decision.resolution }, { status: 'open', reason: 'a schedule in it changed' });
      rec = { ...rec, decision: null };
    }
    const standing = rec?.decision ? views.standing(rec.decision) : false;
    this.markOpen(id, c && !standing ? c.schedule_ids : null);
    if (!c) {
      if (!rec) return;
      // Gone: its notification goes; a decision about it is kept in case it comes back.
      if (rec.notified) core.notifier.resolve('conflict', id);
      if (rec.decision) repo.save({ ...rec, notified: false });
      else repo.delete(id);
      return;
    }
    const next: ConflictRecord = rec ? { ...rec } : { id, kind: c.kind, subject: c.entity_id ?? c.lock ?? '', schedule_ids: c.schedule_ids, first_seen_at: now, notified: false, decision: null };
    if (!standing && !next.notified) {
      core.notifier.raise(conflictAlert(c, (sid) => core.cache.get(sid)?.name ?? sid, this.zone()));
      next.notified = true;
    } else if (standing && next.notified) {
      core.notifier.resolve('conflict', id);
      next.notified = false;
    }
    if (!stored || stored.notified !== next.notified || stored.decision !== next.decision) repo.save(next);
  }

  /** Keeps the index of open conflicts by schedule: `scheduleIds` null when the conflict is not open. */
  private markOpen(id: string, scheduleIds: readonly string[] | null): void {
    for (const sid of this.openIds.get(id) ?? []) this.openBySchedule.get(sid)?.delete(id);
    this.openIds.delete(id);
    if (!scheduleIds) return;
    this.openIds.set(id, scheduleIds);
    for (const sid of scheduleIds) {
      let set = this.openBySchedule.get(sid);
      if (!set) this.openBySchedule.set(sid, (set = new Set()));
      set.add(id);
    }
  }
}
