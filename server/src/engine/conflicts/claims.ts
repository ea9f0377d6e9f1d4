/** A schedule's simulated runs as claims on one entity: what each run does to it, and when. */
import type { Horizon } from './aggregate.js';
import { SIMULTANEOUS_MS, type Claim } from './entity-sweep.js';
import type { SimRun } from './run-simulation.js';
import type { SchedulePlan, Template } from './schedule-plan.js';

/** The claims of `plan`'s runs on `entityId` that reach into the horizon (actions a minute before it too). */
export function claimsOf(plan: SchedulePlan, runs: readonly SimRun[], entityId: string, h: Horizon): Claim[] {
  const templates = templatesOn(plan, entityId);
  if (templates.length === 0) return [];
  const out: Claim[] = [];
  const { id: scheduleId, name, priority } = plan;
  const early = h.from - SIMULTANEOUS_MS;
  for (const run of runs) {
    if (run.skipped || Number.isNaN(run.start)) continue;
    for (const t of templates) {
      const start = run.start + t.offsetMs;
      // A run replaced by a newer one stops: its later steps and its end action never happen.
      if (!run.ended && (t.kind === 'end' || start > run.end)) continue;
      const end = t.kind === 'window' ? Math.min(start + t.lengthMs, run.end) : t.kind === 'span' ? start + t.lengthMs : t.kind === 'end' ? run.end : start;
      const at = t.kind === 'end' ? run.end : start;
      const inside = t.kind === 'window' ? end > h.from && start <= h.to : end >= early && at <= h.to;
      // Object literals of one shape (no spread): a week of 1,000 schedules makes ~50,000 of them.
      if (inside) out.push({ kind: t.kind, scheduleId, name, priority, start: at, end, action: t.action });
    }
  }
  return out;
}

/** The plan's templates that touch the entity, worked out once per plan and entity. */
function templatesOn(plan: SchedulePlan, entityId: string): readonly Template[] {
  // The usual case, all of them: nothing to remember (a memo per plan is megabytes at 10,000).
  if (plan.templates.every((t) => t.entities.includes(entityId))) return plan.templates;
  let byEntity = templateIndex.get(plan);
  if (!byEntity) templateIndex.set(plan, (byEntity = new Map()));
  let list = byEntity.get(entityId);
  if (!list) byEntity.set(entityId, (list = plan.templates.filter((t) => t.entities.includes(entityId))));
  return list;
}

const templateIndex = new WeakMap<SchedulePlan, Map<string, readonly Template[]>>();
