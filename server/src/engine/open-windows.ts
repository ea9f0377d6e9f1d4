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
import { targetEntities, type EntityGate } from './entity-gates.js';
import { NO_DECISIONS, contenders, openRivals, ruleVerdict, winner, type ConflictDecisions } from './conflict-rule.js';

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
 * The run-time conflict rule (DESIGN "Conflicts", conflict-rule.ts) as an entity gate over the
 * windows open now: while another schedule's window is open on the entity and wants a different
 * state, the remembered decision or else the higher priority keeps it; on equal priority the later
 * action wins, and the run says whose wanted state it overrode.
 */
export function priorityGate(windows: OpenWindows, decisions: ConflictDecisions = NO_DECISIONS): EntityGate {
  return (entityId, ctx) => {
    if (ctx.role === 'end') {
      // A window that closes inside another hands the entity back: that window's state is re-applied instead.
      const keeper = winner(openRivals(windows.on(entityId), ctx), decisions, entityId);
      return keeper ? { act: false, status: 'skipped', reason: `left to "${keeper.name}", whose window is still open` } : null;
    }
    return ruleVerdict(contenders(windows.on(entityId), ctx), entityId, ctx, decisions);
  };
}

export { winner };

/** After a start: the windows whose runs are still open (their end step is pending), with the entities their start acted on. */
export function rebuildWindows(core: EngineCore): void {
  const now = core.clock.now();
  const open = core.active.all().filter((active) => {
    const end = active.run.result?.window_end_at;
    return active.scheduleId !== null && end !== undefined && end > now && waitingFor(active.run) === null;
  });
  if (open.length === 0) return;
  // Read at once: with hundreds of windows open, a read or two per window was most of the start.
  const schedules = core.cache.getMany(open.map((active) => active.scheduleId!));
  const steps = core.steps.openByRun<StepPayload>();
  for (const active of open) {
    const end = active.run.result!.window_end_at!;
    const s = schedules.get(active.scheduleId!);
    if (!s || s.action.type === 'sequence') continue;
    const endStep = steps.get(active.id)?.find((step) => step.payload.role === 'end');
    const work = endStep?.payload.work;
    const entities = work && 'target' in work ? targetEntities(work.target, core.ha) : [];
    core.windows.add({ runId: active.id, scheduleId: s.id, name: s.name, priority: s.priority, action: s.action, start: active.run.started_at ?? now, end, entities });
  }
}
