/**
 * Changes made by hand in HA (a wall switch, the HA dashboard, another app) to a device a schedule
 * drives: noticed from HA's state changes whose context is not one of Almanac's own calls
 * (own-calls.ts), and answered, as the add-on option `manual_changes` says, with a hold of its own,
 * so the next scheduled run does not silently undo a person. Its author is the HA user behind the
 * change, or "device" when HA names nobody (a physical switch, a device's own report).
 */
import type { EntityChange, EntityState, HaContext } from '../../domain/ha.js';
import type { Actor } from '../../store/audit.js';
import type { EngineCore } from '../core.js';
import type { ScheduleEntityIndex } from './entity-index.js';
import type { OwnCalls } from './own-calls.js';

export const MANUAL_CHANGE_MODES = ['ignore', 'hold_until_next_change', 'hold_for_minutes'] as const;
export type ManualChangeMode = (typeof MANUAL_CHANGE_MODES)[number];

export interface ManualChangeOptions {
  mode: ManualChangeMode;
  /** How long `hold_for_minutes` holds. */
  minutes: number;
}

/** A change by hand, as the hold it makes needs it. */
export interface ManualChange {
  entity_id: string;
  from: string;
  to: string;
  author: Actor;
}

export interface ManualChangeDeps {
  core: EngineCore;
  own: OwnCalls;
  index: ScheduleEntityIndex;
  /** Whether a hold already keeps the entity (a person adjusting during a hold makes no new one). */
  isHeld(entityId: string): boolean;
  /** Holds the entity after a change by hand. */
  hold(change: ManualChange): void;
}

/** States no person sets: a device dropping off or coming back is not a change by hand. */
const UNREACHABLE = new Set(['unavailable', 'unknown']);
/** Attributes that carry a device's level: dimming by hand is a change by hand. */
const LEVEL_ATTRIBUTES = ['brightness', 'percentage', 'current_position', 'temperature', 'volume_level'];
/** Shown for a change HA names no user for. */
export const DEVICE_AUTHOR = 'device';
/** Characters of an HA user id shown when HA does not tell its name. */
const SHORT_ID = 8;

/** Whether the write moved the device (its state, or its level), not just an attribute like power draw. */
function moved(old: EntityState, next: EntityState): boolean {
  if (old.state !== next.state) return true;
  return LEVEL_ATTRIBUTES.some((key) => key in next.attributes && JSON.stringify(old.attributes[key]) !== JSON.stringify(next.attributes[key]));
}

export class ManualChanges {
  private off: (() => void) | null = null;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly deps: ManualChangeDeps,
    private readonly options: ManualChangeOptions,
  ) {}

  start(): void {
    if (this.options.mode === 'ignore' || this.off) return;
    this.off = this.deps.core.ha.on('state', (change) => {
      const work = this.judge(change).catch((error: unknown) => this.deps.core.logger.error({ err: error, entity: change.entity_id }, 'judging a state change failed'));
      this.inFlight.add(work);
      void work.finally(() => this.inFlight.delete(work));
    });
  }

  stop(): void {
    this.off?.();
    this.off = null;
  }

  /** Resolves when no change is being judged (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private ours(state: EntityState, context: HaContext): boolean {
    return this.deps.own.isOurs(context) || this.deps.own.expected(state);
  }

  private async judge(change: EntityChange): Promise<void> {
    const { old_state: old, new_state: next } = change;
    const context = next?.context;
    if (!old || !next || !context || !moved(old, next)) return;
    if (UNREACHABLE.has(old.state) || UNREACHABLE.has(next.state)) return;
    if (this.ours(next, context)) return;
    if (!this.deps.index.touches(next.entity_id)) return;
    // The state change may come before the answer of our call that caused it (HA writes the state
    // inside the service; a slow integration answers seconds later): wait for our calls on it.
    const settling = this.deps.own.settling(next.entity_id);
    if (settling) {
      await settling;
      if (this.ours(next, context)) return;
    }
    const author = await this.author(context);
    if (this.deps.isHeld(next.entity_id)) return;
    this.deps.core.logger.info({ entity: next.entity_id, from: old.state, to: next.state, by: author.name }, 'a device was changed by hand in Home Assistant');
    this.deps.hold({ entity_id: next.entity_id, from: old.state, to: next.state, author });
  }

  private async author(context: HaContext): Promise<Actor> {
    if (context.user_id === null) return { id: null, name: DEVICE_AUTHOR };
    let name: string | null = null;
    try {
      name = (await this.deps.core.ha.userName?.(context.user_id)) ?? null;
    } catch {
      name = null;
    }
    return { id: context.user_id, name: name ?? `HA user ${context.user_id.slice(0, SHORT_ID)}` };
  }
}
