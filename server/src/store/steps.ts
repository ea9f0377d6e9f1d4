/**
 * The steps repository: the persisted, not-yet-finished parts of runs (the run's action itself,
 * window ends, ramp levels, sequence items, retries). A step is written before it is due, so a
 * pump switched on for 120 s is switched off even if Almanac restarts in between.
 *
 * Status: `pending` (waiting for `due_at`), `running` (its service calls may be in flight), then
 * `done`, `failed`, `cancelled` or `interrupted` (found `running` at startup: never repeated).
 */
import type { Db } from './db.js';

export type StepStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

export interface StepRecord<P = unknown> {
  id: number;
  run_id: number;
  /** null for the steps of a manual action. */
  schedule_id: string | null;
  kind: string;
  seq: number;
  due_at: number;
  status: StepStatus;
  payload: P;
}

export type NewStep<P = unknown> = Omit<StepRecord<P>, 'id'>;

interface StepRow {
  id: number;
  run_id: number;
  schedule_id: string | null;
  kind: string;
  seq: number;
  due_at: number;
  status: string;
  payload: string;
}

function fromRow<P>(r: StepRow): StepRecord<P> {
  return { ...r, status: r.status as StepStatus, payload: JSON.parse(r.payload) as P };
}

export class StepRepository {
  private readonly insertStmt;
  private readonly statusStmt;
  private readonly getStmt;
  private readonly byStatusStmt;
  private readonly dueRowsStmt;
  private readonly forRunStmt;
  private readonly openForRunStmt;
  private readonly nextSeqStmt;
  private readonly cancelStmt;
  private readonly openRunsStmt;
  private readonly allOpenStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO steps (run_id, schedule_id, kind, seq, due_at, status, payload)
       VALUES (@run_id, @schedule_id, @kind, @seq, @due_at, @status, @payload)`,
    );
    this.statusStmt = db.prepare<[string, number]>('UPDATE steps SET status = ? WHERE id = ?');
    this.getStmt = db.prepare<[number], StepRow>('SELECT * FROM steps WHERE id = ?');
    this.byStatusStmt = db.prepare<[string], StepRow>('SELECT * FROM steps WHERE status = ? ORDER BY id');
    this.dueRowsStmt = db.prepare<[], { id: number; due_at: number }>("SELECT id, due_at FROM steps WHERE status = 'pending'");
    this.forRunStmt = db.prepare<[number], StepRow>('SELECT * FROM steps WHERE run_id = ? ORDER BY seq');
    this.openForRunStmt = db.prepare<[number], StepRow>(
      "SELECT * FROM steps WHERE run_id = ? AND status IN ('pending', 'running') ORDER BY seq",
    );
    this.nextSeqStmt = db.prepare<[number], { seq: number }>('SELECT COALESCE(MAX(seq), -1) + 1 AS seq FROM steps WHERE run_id = ?');
    this.cancelStmt = db.prepare<[number]>("UPDATE steps SET status = 'cancelled' WHERE run_id = ? AND status = 'pending'");
    this.allOpenStmt = db.prepare<[], StepRow>("SELECT * FROM steps WHERE status IN ('pending', 'running') ORDER BY run_id, seq");
    this.openRunsStmt = db.prepare<[], { run_id: number; n: number }>(
      "SELECT run_id, COUNT(*) AS n FROM steps WHERE status IN ('pending', 'running') GROUP BY run_id",
    );
  }

  insert<P>(step: NewStep<P>): number {
    return Number(this.insertStmt.run({ ...step, payload: JSON.stringify(step.payload) }).lastInsertRowid);
  }

  setStatus(id: number, status: StepStatus): void {
    this.statusStmt.run(status, id);
  }

  get<P>(id: number): StepRecord<P> | undefined {
    const row = this.getStmt.get(id);
    return row ? fromRow<P>(row) : undefined;
  }

  withStatus<P>(status: StepStatus): StepRecord<P>[] {
    return this.byStatusStmt.all(status).map((r) => fromRow<P>(r));
  }

  /** Pending steps' wake-up data for the dispatcher's heap (no JSON parsed). */
  dueRows(): { id: number; due_at: number }[] {
    return this.dueRowsStmt.all();
  }

  forRun<P>(runId: number): StepRecord<P>[] {
    return this.forRunStmt.all(runId).map((r) => fromRow<P>(r));
  }

  /** Pending and running steps of a run. */
  openForRun<P>(runId: number): StepRecord<P>[] {
    return this.openForRunStmt.all(runId).map((r) => fromRow<P>(r));
  }

  /** Every run's open steps (as `openForRun` gives them), in one read: for a start with hundreds of open windows. */
  openByRun<P>(): Map<number, StepRecord<P>[]> {
    const byRun = new Map<number, StepRecord<P>[]>();
    for (const row of this.allOpenStmt.all()) {
      const step = fromRow<P>(row);
      const steps = byRun.get(step.run_id);
      if (steps) steps.push(step);
      else byRun.set(step.run_id, [step]);
    }
    return byRun;
  }

  /** The next free sequence number of a run (each step of a run has its own). */
  nextSeq(runId: number): number {
    return this.nextSeqStmt.get(runId)?.seq ?? 0;
  }

  /** Runs with open (pending or running) steps, and how many each has. */
  openCounts(): Map<number, number> {
    return new Map(this.openRunsStmt.all().map((r) => [r.run_id, r.n]));
  }

  /** Cancels every pending step of a run; returns how many. */
  cancelPending(runId: number): number {
    return this.cancelStmt.run(runId).changes;
  }
}
