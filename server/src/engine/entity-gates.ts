/**
 * Gates per entity: before a step's calls are planned, each entity it would touch is asked about.
 * A gate may hold it back (the run records it `overridden` or `skipped` for that entity, with the
 * reason, and sends nothing for it; the other entities still act) or let it act with a note. The
 * overrides (a person holds the entity) and the run-time conflict rule (a higher-priority open
 * window keeps the entity) are such gates; the conflict detector asks the same questions of the
 * coming week.
 *
 * Area, device and label targets are expanded to their entities only when one of those entities
 * is held back, so HA keeps resolving them itself in the common case.
 */
import type { StepAction } from '../domain/action.js';
import type { Target } from '../domain/ha.js';
import { entityIds, indirectMembers, indirectTarget, type RegistryView } from './actions/index.js';

/** Who is acting, for the gates. */
export interface GateContext {
  runId: number;
  scheduleId: string | null;
  name: string;
  priority: number;
  /** The window's opening action or its end action. */
  role: 'main' | 'end';
  action: StepAction;
  now: number;
  /** When the acting run's action came: its window's start for a window's opening action, else now. */
  since: number;
}

/** An entity the step left alone, and why (recorded on the run). */
export interface HeldEntity {
  entity_id: string;
  status: 'overridden' | 'skipped';
  reason: string;
}

export type EntityVerdict =
  | { act: false; status: HeldEntity['status']; reason: string }
  /** It acts, and the run says something about it (it overrode another schedule's wanted state). */
  | { act: true; note: string };

/** One gate: null lets the entity act without a word. */
export type EntityGate = (entityId: string, ctx: GateContext) => EntityVerdict | null;

export interface GatedTarget {
  target: Target;
  held: HeldEntity[];
  notes: string[];
}

/** Passes every entity of the target through the gates, in order; the first that holds it back decides. */
export function gateTarget(target: Target, ctx: GateContext, gates: readonly EntityGate[], ha: RegistryView): GatedTarget {
  if (gates.length === 0) return { target, held: [], notes: [] };
  const held: HeldEntity[] = [];
  const notes = new Set<string>();
  const judge = (id: string): boolean => {
    for (const gate of gates) {
      const verdict = gate(id, ctx);
      if (verdict === null) continue;
      if (!verdict.act) {
        held.push({ entity_id: id, status: verdict.status, reason: verdict.reason });
        return false;
      }
      notes.add(verdict.note);
    }
    return true;
  };
  const direct = entityIds(target).filter(judge);
  const indirect = indirectTarget(target);
  const out: Target = {};
  if (indirect) {
    const members = indirectMembers(indirect, ha);
    const before = held.length;
    const kept = members === null ? [] : members.filter(judge);
    // Nothing held among the members: the area/device/label goes to HA as it is.
    if (members === null || held.length === before) Object.assign(out, indirect);
    else direct.push(...kept.filter((id) => !direct.includes(id)));
  }
  if (direct.length > 0) out.entity_id = direct;
  return { target: out, held, notes: [...notes] };
}

/** Whether two actions want the same state of an entity (then there is nothing to fight over). */
export function sameWant(a: StepAction, b: StepAction): boolean {
  if (a.type === 'set_level' && b.type === 'set_level') return a.percent === b.percent;
  if (a.type === 'ramp' || b.type === 'ramp') return false;
  return a.type === b.type && (a.type === 'on' || a.type === 'off');
}

/** Every entity a target reaches: its own ids and, when HA's registries are known, its areas', devices' and labels' entities. */
export function targetEntities(target: Target, ha: RegistryView): string[] {
  const indirect = indirectTarget(target);
  const members = indirect ? indirectMembers(indirect, ha) ?? [] : [];
  return [...new Set([...entityIds(target), ...members])];
}
