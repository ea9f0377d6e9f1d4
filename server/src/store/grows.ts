/** The grows repository: rows in, domain `Grow`s out (STYLE §11). */
import type { Grow, GrowStatus, WateringRole } from '../domain/grow.js';
import type { Db } from './db.js';

interface GrowRow extends Omit<Grow, 'status' | 'watering_role'> {
  status: string;
  watering_role: string;
}

function fromRow(r: GrowRow): Grow {
  return { ...r, status: r.status as GrowStatus, watering_role: r.watering_role as WateringRole };
}

const COLUMNS = [
  'id', 'name', 'zone_id', 'recipe_id', 'recipe_version', 'start_date', 'timezone', 'status', 'watering_role', 'notified_phase',
  'ended_at', 'version', 'created_at', 'updated_at',
] as const;

export class GrowRepository {
  private readonly allStmt;
  private readonly getStmt;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly deleteStmt;

  constructor(db: Db) {
    this.allStmt = db.prepare<[], GrowRow>('SELECT * FROM grows ORDER BY start_date DESC, created_at DESC');
    this.getStmt = db.prepare<[string], GrowRow>('SELECT * FROM grows WHERE id = ?');
    this.insertStmt = db.prepare(`INSERT INTO grows (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`);
    this.updateStmt = db.prepare(`UPDATE grows SET ${COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
    this.deleteStmt = db.prepare<[string]>('DELETE FROM grows WHERE id = ?');
  }

  /** Newest start first. */
  all(): Grow[] {
    return this.allStmt.all().map(fromRow);
  }

  get(id: string): Grow | undefined {
    const row = this.getStmt.get(id);
    return row ? fromRow(row) : undefined;
  }

  insert(grow: Grow): void {
    this.insertStmt.run(grow);
  }

  update(grow: Grow): void {
    this.updateStmt.run(grow);
  }

  /** Removes the row (the demo reset; a user's finished grows stay as history). */
  delete(id: string): void {
    this.deleteStmt.run(id);
  }
}
