/** A schedule's simulated runs as claims on one entity: what each run does to it, and when. */
import type { Horizon } from './aggregate.js';
import { SIMULTANEOUS_MS, type Claim } from './entity-sweep.js';
import type { SimRun } from './run-simulation.js';
import type { SchedulePlan } from './schedule-plan.js';

/** The claims of `plan`'s runs on `entityId` that reach into the horizon (actions a minute before it too). */
export function claimsOf(plan: SchedulePlan, runs: readonly SimRun[], entityId: string, h: Horizon): Claim[] {
  const templates = plan.templates.filter((t) => t.entities.has(entityId));
  if (templates.length === 0) return [];
  const out: Claim[] = [];
  const base = { scheduleId: plan.id, name: plan.name, priority: plan.priority };
  for (const run of runs) {
    if (run.skipped || Number.isNaN(run.start)) continue;
    for (const t of templates) {
      const start = run.start + t.offsetMs;
      // A run replaced by a newer one stops: its later steps and its end action never happen.
      if (!run.ended && (t.kind === 'end' || start > run.end)) continue;
      if (t.kind === 'window') {
        const end = Math.min(start + t.lengthMs, run.end);
        if (end > h.from && start <= h.to) out.push({ ...base, kind: 'window', start, end, action: t.action });
      } else if (t.kind === 'span') {
        const end = start + t.lengthMs;
        if (end >= h.from - SIMULTANEOUS_MS && start <= h.to) out.push({ ...base, kind: 'span', start, end, action: t.action });
      } else {
        const at = t.kind === 'end' ? run.end : start;
        if (at >= h.from - SIMULTANEOUS_MS && at <= h.to) out.push({ ...base, kind: t.kind, start: at, end: at, action: t.action });
      }
    }
  }
  return out;
}
