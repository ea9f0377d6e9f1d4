/**
 * Detected conflicts with what was decided about them: their status (a remembered `priority` or
 * `accept` stands while its schedules are unchanged in what makes the conflict), the resolution,
 * the winner the rule will follow, and the lanes.
 */
import type { Conflict, ConflictStatus, ConflictView, Decision, Strategy } from '../../domain/conflict.js';
import type { ConflictRepository } from '../../store/conflicts.js';
import type { ScheduleCache } from '../schedule-cache.js';
import type { ConflictDetector, Delta } from './detector.js';
import { conflictLanes } from './lanes.js';
import { fingerprint } from './schedule-plan.js';

/**
 * The resolutions that fit a conflict. Keeping one schedule needs a window on the entity (the rule
 * weighs windows; two actions at one moment hold nothing), and a lock wait has no winner.
 */
export function strategiesOf(detector: ConflictDetector, c: Conflict): Strategy[] {
  const holds = c.kind !== 'lock_wait' && c.schedule_ids.some((id) => detector.plan(id)?.templates.some((t) => t.kind === 'window' && t.entities.includes(c.entity_id ?? '')) ?? false);
  return holds ? ['priority', 'shift', 'disable', 'accept'] : ['shift', 'disable', 'accept'];
}

export class ConflictViews {
  constructor(
    private readonly repo: ConflictRepository,
    private readonly cache: ScheduleCache,
  ) {}

  /** `priority` and `accept` are remembered; `disable` and `shift` change a schedule and are done. */
  standing(decision: Decision): boolean {
    return decision.resolution.strategy === 'priority' || decision.resolution.strategy === 'accept';
  }

  /** Whether the schedules are still as they were when the decision was taken (in what makes the conflict). */
  stillHolds(decision: Decision): boolean {
    return Object.entries(decision.fingerprints).every(([id, digest]) => {
      const s = this.cache.get(id);
      return s !== undefined && fingerprint(s) === digest;
    });
  }

  /** The decision in force for a conflict, if any. */
  inForce(id: string): Decision | null {
    const d = this.repo.get(id)?.decision ?? null;
    return d && this.standing(d) && this.stillHolds(d) ? d : null;
  }

  status(id: string): ConflictStatus {
    const d = this.inForce(id);
    if (!d) return 'open';
    return d.resolution.strategy === 'accept' ? 'accepted' : 'resolved';
  }

  /** The conflict as the API shows it (its lanes in a tentative state when `delta` is given). */
  view(detector: ConflictDetector, c: Conflict, delta?: Delta, lanes = true): ConflictView {
    const decision = this.repo.get(c.id)?.decision ?? null;
    const force = this.inForce(c.id);
    const status = this.status(c.id);
    const winner = force?.resolution.strategy === 'priority' ? force.resolution.winner_id : c.winner_id;
    return {
      ...c, winner_id: winner, status, strategies: strategiesOf(detector, c), lanes: lanes ? conflictLanes(detector, c, delta) : [],
      ...(decision ? { resolution: { ...decision.resolution, at: decision.at, user: decision.by } } : {}),
    };
  }

  /** Conflicts of `detector` with `status` and windows in [from, to], those windows only, by first instant. */
  within(detector: ConflictDetector, from: number, to: number, status: ConflictStatus | 'all', lanes: boolean): ConflictView[] {
    const out: ConflictView[] = [];
    for (const c of detector.all()) {
      const windows = c.windows.filter((w) => w.to >= from && w.from <= to).map((w) => ({ from: Math.max(w.from, from), to: Math.min(w.to, to) }));
      if (windows.length === 0 || (status !== 'all' && this.status(c.id) !== status)) continue;
      out.push(this.view(detector, { ...c, windows, first_at: windows[0]!.from }, undefined, lanes));
    }
    return out.sort((a, b) => a.first_at - b.first_at || (a.id < b.id ? -1 : 1));
  }
}
