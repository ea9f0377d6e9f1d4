/**
 * The windows open right now, by entity: which runs hold which entities in a wanted state until
 * when, at what priority. The run-time conflict rule (a higher-priority window keeps its entity)
 * reads it on the fire path, so it lives in memory: added when a window's run acts, removed when
 * its run is over, rebuilt from the ledger at start.
 */
import type { StepAction } from '../domain/action.js';
import { waitingFor } from './active-runs.js';
import type { EngineCore } from './core.js';
import type { StepPayload } from './work.js';
import { sameWant, targetEntities, type EntityGate } from './entity-gates.js';

export interface LiveWindow {
  runId: number;
  scheduleId: string;
  name: string;
  priority: number;
  /** What the window wants while it is open (its opening action). */
  action: StepAction;
  start: number;
  end: number;
  entities: string[];
}

export class OpenWindows {
  private readonly byRun = new Map<number, LiveWindow>();
  private readonly byEntity = new Map<string, Set<number>>();

  add(window: LiveWindow): void {
    this.remove(window.runId);
    this.byRun.set(window.runId, window);
    for (const id of window.entities) {
      let set = this.byEntity.get(id);
      if (!set) this.byEntity.set(id, (set = new Set()));
      set.add(window.runId);
    }
  }

  remove(runId: number): void {
    const window = this.byRun.get(runId);
    if (!window) return;
    this.byRun.delete(runId);
    for (const id of window.entities) {
      const set = this.byEntity.get(id);
      set?.delete(runId);
      if (set?.size === 0) this.byEntity.delete(id);
    }
  }

  get(runId: number): LiveWindow | undefined {
    return this.byRun.get(runId);
  }

  /** The windows that hold `entityId` (open or about to close). */
  on(entityId: string): LiveWindow[] {
    return [...(this.byEntity.get(entityId) ?? [])].map((id) => this.byRun.get(id)!);
  }

  all(): LiveWindow[] {
    return [...this.byRun.values()];
  }
}

/**
 * The run-time conflict rule (DESIGN "Conflicts"): while another schedule's window is open on the
 * entity and wants a different state, the higher priority keeps it; on equal priority the later
 * action wins, and the run says whose wanted state it overrode.
 */
export function priorityGate(windows: OpenWindows): EntityGate {
  return (entityId, ctx) => {
    let note: string | null = null;
    const others = windows.on(entityId).filter((w) => w.runId !== ctx.runId && w.scheduleId !== ctx.scheduleId && w.end > ctx.now && w.start <= ctx.now);
    if (ctx.role === 'end' && others.length > 0) {
      // A window that closes inside another hands the entity back: that window's state is re-applied instead.
      const keeper = winner(others)!;
      return { act: false, status: 'skipped', reason: `left to "${keeper.name}", whose window is still open` };
    }
    for (const w of others) {
      if (sameWant(w.action, ctx.action)) continue;
      if (w.priority > ctx.priority) return { act: false, status: 'skipped', reason: `conflict: lower priority than ${w.name}` };
      // Equal priority: the later action wins. Re-applying windows together, the one that opened later.
      if (w.priority === ctx.priority && w.start > ctx.since) return { act: false, status: 'skipped', reason: `conflict: ${w.name} came later (same priority)` };
      note ??= w.priority === ctx.priority
        ? `overrode the state "${w.name}" wants for ${entityId} (same priority: the later action wins)`
        : `overrode the state "${w.name}" wants for ${entityId} (lower priority)`;
    }
    return note === null ? null : { act: true, note };
  };
}

/** Of windows open on one entity, the one whose state it should be in: the highest priority, then the latest start. */
export function winner(open: readonly LiveWindow[]): LiveWindow | undefined {
  return [...open].sort((a, b) => b.priority - a.priority || b.start - a.start)[0];
}

/** After a start: the windows whose runs are still open (their end step is pending), with the entities their start acted on. */
export function rebuildWindows(core: EngineCore): void {
  const now = core.clock.now();
  for (const active of core.active.all()) {
    const end = active.run.result?.window_end_at;
    if (active.scheduleId === null || end === undefined || end <= now || waitingFor(active.run) !== null) continue;
    const s = core.cache.get(active.scheduleId);
    if (!s || s.action.type === 'sequence') continue;
    const endStep = core.steps.openForRun<StepPayload>(active.id).find((step) => step.payload.role === 'end');
    const work = endStep?.payload.work;
    const entities = work && 'target' in work ? targetEntities(work.target, core.ha) : [];
    core.windows.add({ runId: active.id, scheduleId: s.id, name: s.name, priority: s.priority, action: s.action, start: active.run.started_at ?? now, end, entities });
  }
}
