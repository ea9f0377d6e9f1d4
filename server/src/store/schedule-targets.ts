/**
 * Which schedules name which targets, read from the `schedule_targets` rows the schedules
 * repository writes with every schedule (store/schedule-index.ts `targetRefs`): the engine asks
 * "who touches this device" here instead of keeping every schedule's entities in memory.
 */
import type { Db } from './db.js';
import type { TargetKind } from './schedule-index.js';

/** One thing a schedule's target or one of its sequence steps names. */
export interface TargetRef {
  kind: TargetKind;
  ref: string;
}

/** The next fire among schedules: the instant and the schedule. */
export interface NextFire {
  at: number;
  schedule_id: string;
}

export class ScheduleTargets {
  private readonly distinctStmt;
  private readonly namingStmt;
  private readonly anyStmt;
  private readonly nextFireStmt;

  constructor(db: Db) {
    this.distinctStmt = db.prepare<[], TargetRef>('SELECT DISTINCT kind, ref FROM schedule_targets');
    this.namingStmt = db.prepare<[string, string], string>('SELECT schedule_id FROM schedule_targets WHERE kind = ? AND ref = ?').pluck();
    this.anyStmt = db.prepare<[string, string], number>('SELECT 1 FROM schedule_targets WHERE kind = ? AND ref = ? LIMIT 1').pluck();
    // The same rule as the dispatcher's: enabled, not completed, and a fire after `now` planned.
    this.nextFireStmt = db.prepare<[string, string, number], NextFire>(
      `SELECT s.next_run_at AS at, s.id AS schedule_id FROM schedule_targets t JOIN schedules s ON s.id = t.schedule_id
        WHERE t.kind = ? AND t.ref = ? AND s.enabled = 1 AND s.completed_at IS NULL AND s.next_run_at > ?
        ORDER BY s.next_run_at, s.id LIMIT 1`,
    );
  }

  /** Every distinct thing some schedule names. */
  distinct(): TargetRef[] {
    return this.distinctStmt.all();
  }

  /** Ids of the schedules that name `ref`. */
  naming({ kind, ref }: TargetRef): string[] {
    return this.namingStmt.all(kind, ref);
  }

  /** Whether some schedule names `ref`. */
  named({ kind, ref }: TargetRef): boolean {
    return this.anyStmt.get(kind, ref) !== undefined;
  }

  /** The earliest fire after `now` among the schedules naming `ref`, or undefined. */
  nextFire({ kind, ref }: TargetRef, now: number): NextFire | undefined {
    return this.nextFireStmt.get(kind, ref, now);
  }
}
