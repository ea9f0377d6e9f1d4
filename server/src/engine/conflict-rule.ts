/**
 * The run-time conflict rule (DESIGN "Conflicts") as pure functions over the windows open on an
 * entity: while another schedule's window is open on the entity and wants a different state, the
 * higher priority keeps it; on equal priority the later action wins, and the run says whose wanted
 * state it overrode. A decision the user took on the Conflicts page ("keep A") beats both.
 *
 * The live gate (open-windows.ts `priorityGate`) asks these questions of the windows open now; the
 * conflict detector (conflicts/) asks the very same ones of a simulated week.
 */
import type { EntityVerdict, GateContext } from './entity-gates.js';
import { sameWant } from './entity-gates.js';
import type { LiveWindow } from './open-windows.js';

/** Remembered decisions of the Conflicts page: who keeps an entity when two schedules want it. */
export interface ConflictDecisions {
  /** The schedule that keeps `entityId` while both `a` and `b` want it, or null when nobody decided. */
  winner(entityId: string, a: string, b: string): string | null;
}

/** Nobody decided anything: the priority rule alone. */
export const NO_DECISIONS: ConflictDecisions = { winner: () => null };

/** The rule's part of the context: who acts, when, with which priority and action. */
export type RuleContext = Pick<GateContext, 'runId' | 'scheduleId' | 'priority' | 'action' | 'now' | 'since'>;

/** Windows of other schedules open on the entity at `ctx.now`. */
export function openRivals(open: readonly LiveWindow[], ctx: Pick<RuleContext, 'runId' | 'scheduleId' | 'now'>): LiveWindow[] {
  return open.filter((w) => w.runId !== ctx.runId && w.scheduleId !== ctx.scheduleId && w.end > ctx.now && w.start <= ctx.now);
}

/** Of those, the ones that want a different state than the acting step: the schedules it fights with. */
export function contenders(open: readonly LiveWindow[], ctx: RuleContext): LiveWindow[] {
  return openRivals(open, ctx).filter((w) => !sameWant(w.action, ctx.action));
}

/**
 * The rule applied to the contenders of one acting step on `entityId`: held back (`skipped`, with
 * the reason written on the run), acting with a note on whose state it overrode, or null (no fight).
 */
export function ruleVerdict(rivals: readonly LiveWindow[], entityId: string, ctx: RuleContext, decisions: ConflictDecisions): EntityVerdict | null {
  let note: string | null = null;
  for (const w of rivals) {
    const decided = ctx.scheduleId === null ? null : decisions.winner(entityId, ctx.scheduleId, w.scheduleId);
    if (decided === w.scheduleId) return { act: false, status: 'skipped', reason: `conflict: lower priority than ${w.name}` };
    if (decided !== null) {
      note ??= `overrode the state "${w.name}" wants for ${entityId} (the conflict was resolved in its favour)`;
      continue;
    }
    if (w.priority > ctx.priority) return { act: false, status: 'skipped', reason: `conflict: lower priority than ${w.name}` };
    // Equal priority: the later action wins. Re-applying windows together, the one that opened later.
    if (w.priority === ctx.priority && w.start > ctx.since) return { act: false, status: 'skipped', reason: `conflict: ${w.name} came later (same priority)` };
    note ??= w.priority === ctx.priority
      ? `overrode the state "${w.name}" wants for ${entityId} (same priority: the later action wins)`
      : `overrode the state "${w.name}" wants for ${entityId} (lower priority)`;
  }
  return note === null ? null : { act: true, note };
}

/**
 * Of windows open on one entity, the one whose state it should be in: a decision first, then the
 * highest priority, then the latest start.
 */
export function winner(open: readonly LiveWindow[], decisions: ConflictDecisions = NO_DECISIONS, entityId = ''): LiveWindow | undefined {
  return [...open].sort((a, b) => {
    const decided = a.scheduleId === b.scheduleId ? null : decisions.winner(entityId, a.scheduleId, b.scheduleId);
    if (decided === a.scheduleId) return -1;
    if (decided === b.scheduleId) return 1;
    return b.priority - a.priority || b.start - a.start;
  })[0];
}
