/**
 * The locks repository: named shared resources (a water main, one pump for several shelves) with
 * their capacity and wait limit. Who holds a lock and who waits for it are runs (`runs.lock`), so
 * that holders and the queue survive a crash with the ledger itself.
 */
import type { Db } from './db.js';

export interface LockRecord {
  name: string;
  /** How many runs may hold the lock at once. */
  capacity: number;
  /** A run waits at most this long before it is skipped (a run's `policy.lock_wait_seconds` may say less or more). */
  max_wait_seconds: number;
  version: number;
  created_at: number;
  updated_at: number;
}

/** A lock named by a schedule before anyone defined it: one at a time, an hour's patience. */
export const DEFAULT_LOCK = { capacity: 1, max_wait_seconds: 3600 } as const;

export class LockRepository {
  private readonly getStmt;
  private readonly allStmt;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly deleteStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], LockRecord>('SELECT * FROM locks WHERE name = ?');
    this.allStmt = db.prepare<[], LockRecord>('SELECT * FROM locks ORDER BY name');
    this.insertStmt = db.prepare(
      `INSERT INTO locks (name, capacity, max_wait_seconds, version, created_at, updated_at)
       VALUES (@name, @capacity, @max_wait_seconds, @version, @created_at, @updated_at) ON CONFLICT (name) DO NOTHING`,
    );
    this.updateStmt = db.prepare('UPDATE locks SET capacity = @capacity, max_wait_seconds = @max_wait_seconds, version = @version, updated_at = @updated_at WHERE name = @name');
    this.deleteStmt = db.prepare<[string]>('DELETE FROM locks WHERE name = ?');
  }

  get(name: string): LockRecord | undefined {
    return this.getStmt.get(name);
  }

  all(): LockRecord[] {
    return this.allStmt.all();
  }

  /** Inserts; false when the name is taken. */
  insert(lock: LockRecord): boolean {
    return this.insertStmt.run(lock).changes > 0;
  }

  update(lock: LockRecord): void {
    this.updateStmt.run(lock);
  }

  delete(name: string): boolean {
    return this.deleteStmt.run(name).changes > 0;
  }
}
