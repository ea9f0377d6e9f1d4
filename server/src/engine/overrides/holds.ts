/**
 * The overrides feature put together for the engine facade: Almanac's own calls (own-calls.ts),
 * which schedules touch which devices (entity-index.ts), the holds themselves (overrides.ts), the
 * gate that keeps schedules off held devices (gate.ts, first of the entity gates), and the watch
 * for changes made by hand in HA (manual-changes.ts). A plug-in with start/stop (STYLE §12).
 */
import type { Override } from '../../domain/override.js';
import type { Actor } from '../../store/audit.js';
import type { EngineCore } from '../core.js';
import type { EntityGate } from '../entity-gates.js';
import type { RestoreOptions } from '../restore.js';
import type { RunPipeline } from '../run-pipeline.js';
import { ScheduleEntityIndex } from './entity-index.js';
import { overrideGate } from './gate.js';
import type { HoldRequest } from './hold-request.js';
import { ManualChanges, type ManualChange, type ManualChangeOptions } from './manual-changes.js';
import { nextChange } from './next-change.js';
import { Overrides } from './overrides.js';
import { OwnCalls } from './own-calls.js';

export interface HoldsEnv {
  core: EngineCore;
  pipeline: RunPipeline;
  zone(): string;
  restore(ids: string[], options: RestoreOptions): void;
  manualChanges: ManualChangeOptions;
}

const MINUTE_MS = 60_000;

/** By default a change by hand holds until the next scheduled change; `hold_for_minutes` holds an hour. */
export const DEFAULT_MANUAL_CHANGES: ManualChangeOptions = { mode: 'hold_until_next_change', minutes: 60 };

export class Holds {
  readonly own: OwnCalls;
  readonly index: ScheduleEntityIndex;
  readonly overrides: Overrides;
  readonly gate: EntityGate;
  private readonly manual: ManualChanges;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly env: HoldsEnv) {
    const core = env.core;
    this.own = new OwnCalls(core.clock, core.ha);
    this.index = new ScheduleEntityIndex(core);
    this.overrides = new Overrides({ core, pipeline: env.pipeline, index: this.index, zone: env.zone, restore: env.restore });
    this.gate = overrideGate(this.overrides.book);
    this.manual = new ManualChanges(
      { core, own: this.own, index: this.index, isHeld: (id) => this.overrides.holdOn(id) !== null, hold: (change) => this.holdManualChange(change) },
      env.manualChanges,
    );
  }

  /** Loads the holds (ending those that ran out meanwhile) and starts watching for changes by hand. */
  start(): void {
    const { core } = this.env;
    this.unsubscribe.push(
      core.ha.on('registry', () => this.index.invalidate()),
    );
    this.overrides.load();
    this.manual.start();
  }

  stop(): void {
    this.manual.stop();
    for (const off of this.unsubscribe.splice(0)) off();
  }

  async idle(): Promise<void> {
    await this.manual.idle();
  }

  create(request: HoldRequest, actor: Actor): Override {
    return this.overrides.create(request, actor);
  }

  /** Holds a device a person changed in HA: until its next scheduled change, or for the option's minutes. Nothing when no schedule will touch it again. */
  private holdManualChange(change: ManualChange): void {
    const { core, manualChanges } = this.env;
    const now = core.clock.now();
    const next = nextChange(core, this.index, [change.entity_id], now);
    if (!next) return;
    const forMinutes = manualChanges.mode === 'hold_for_minutes';
    this.overrides.createAuto({
      entity_ids: [change.entity_id],
      until: forMinutes ? now + manualChanges.minutes * MINUTE_MS : next.at,
      until_next_change: !forMinutes,
      note: `changed by hand in Home Assistant (${change.from} → ${change.to})`,
    }, change.author);
  }
}
