/**
 * The simulated state machine (core.py `StateMachine.async_set` rules): a write whose state and
 * attributes are unchanged is not a change (no event) unless forced; a changed state moves
 * `last_changed`; an attribute-only change moves `last_updated` only (§7.13).
 */
import { deepEqual } from './deep-equal.js';
import type { SimContext, SimState } from './types.js';

export interface StateChange {
  entity_id: string;
  old_state: SimState | null;
  new_state: SimState | null;
  context: SimContext;
}

export class StateMachine {
  private readonly states = new Map<string, SimState>();

  constructor(
    private readonly now: () => number,
    private readonly onChange: (change: StateChange) => void,
  ) {}

  get(entityId: string): SimState | undefined {
    return this.states.get(entityId);
  }

  all(): SimState[] {
    return [...this.states.values()];
  }

  ids(): Iterable<string> {
    return this.states.keys();
  }

  /** Writes a state; returns whether anything changed (and an event was fired). */
  set(entityId: string, state: string, attributes: Record<string, unknown>, context: SimContext, force = false): boolean {
    const old = this.states.get(entityId) ?? null;
    const now = this.now();
    const sameState = old !== null && old.state === state && !force;
    if (old && sameState && deepEqual(old.attributes, attributes)) {
      old.last_reported = now;
      return false;
    }
    const next: SimState = {
      entity_id: entityId,
      state,
      attributes: structuredClone(attributes),
      last_changed: sameState ? old.last_changed : now,
      last_updated: now,
      last_reported: now,
      context,
    };
    this.states.set(entityId, next);
    this.onChange({ entity_id: entityId, old_state: old, new_state: next, context });
    return true;
  }

  remove(entityId: string, context: SimContext): boolean {
    const old = this.states.get(entityId);
    if (!old) return false;
    this.states.delete(entityId);
    this.onChange({ entity_id: entityId, old_state: old, new_state: null, context });
    return true;
  }

  clear(): void {
    this.states.clear();
  }
}
