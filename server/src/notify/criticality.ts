/**
 * Which schedules water or dose: their failed runs are `critical` (pushed even during quiet hours),
 * because a missed watering wilts a shelf by morning and a dosing run that did not happen (or may
 * have happened twice) needs a look now. Pure: the entity's HA labels are handed in.
 *
 * A schedule waters or doses when any of these holds:
 * - it is tagged `watering`, `water`, `dosing`, `dose` or `critical` (case-insensitive);
 * - it takes a lock (`policy.lock`, the shared water pump of sequential watering);
 * - it targets a zone's `pump` or `valve` role;
 * - it targets (directly or in a sequence step) a `valve.*` entity, or an entity or label that
 *   carries HA's `watering` or `dosing` label.
 * Name guessing ("pump" in an entity id) is deliberately not used: a return pump or a heater
 * named "tank" would page someone at 3 a.m. for nothing.
 */
import type { Target } from '../domain/ha.js';
import type { Schedule } from '../domain/schedule.js';

const CRITICAL_TAGS = new Set(['watering', 'water', 'dosing', 'dose', 'critical']);
const CRITICAL_LABELS = new Set(['watering', 'dosing']);
const CRITICAL_ROLES = new Set(['pump', 'valve']);
const CRITICAL_DOMAINS = new Set(['valve']);

/** The parts of a schedule that say what it drives. */
export type DrivenSchedule = Pick<Schedule, 'tags' | 'target' | 'action' | 'policy'>;

/** HA label ids of an entity (empty when unknown). */
export type LabelsOf = (entityId: string) => readonly string[];

function targets(s: DrivenSchedule): Target[] {
  const out: Target[] = [s.target];
  if (s.action.type === 'sequence') for (const step of s.action.steps) if ('target' in step && step.target) out.push(step.target);
  return out;
}

function targetIsCritical(target: Target, labelsOf: LabelsOf): boolean {
  const loose = target as Target & { role?: unknown };
  if (typeof loose.role === 'string' && CRITICAL_ROLES.has(loose.role)) return true;
  if ((target.label_id ?? []).some((l) => CRITICAL_LABELS.has(l.toLowerCase()))) return true;
  return (target.entity_id ?? []).some(
    (id) => CRITICAL_DOMAINS.has(id.split('.', 1)[0]!) || labelsOf(id).some((l) => CRITICAL_LABELS.has(l.toLowerCase())),
  );
}

/** Whether the schedule waters or doses (see the module comment for the rules). */
export function watersOrDoses(s: DrivenSchedule, labelsOf: LabelsOf): boolean {
  if (s.tags.some((t) => CRITICAL_TAGS.has(t.toLowerCase()))) return true;
  const lock = (s.policy as { lock?: unknown }).lock;
  if (typeof lock === 'string' && lock.length > 0) return true;
  return targets(s).some((t) => targetIsCritical(t, labelsOf));
}
