/**
 * How simulator objects look on the wire: full state objects (`State._as_dict`, §2.4), HA's
 * compressed states and diffs for `subscribe_entities` (§2.8, core websocket_api/messages.py
 * `_state_diff`), and events (`Event._as_dict`, §2.7).
 */
import { haIso } from './ids.js';
import type { SimContext, SimState } from './types.js';
import type { EntityState } from '../../domain/ha.js';

const MS_PER_SECOND = 1000;

export function stateToDict(state: SimState): Record<string, unknown> {
  return {
    entity_id: state.entity_id,
    state: state.state,
    attributes: state.attributes,
    last_changed: haIso(state.last_changed),
    last_reported: haIso(state.last_reported),
    last_updated: haIso(state.last_updated),
    context: state.context,
  };
}

/** The domain shape (domain/ha.ts) of a simulator state. */
export function toEntityState(state: SimState): EntityState {
  return {
    entity_id: state.entity_id,
    state: state.state,
    attributes: structuredClone(state.attributes),
    last_changed: haIso(state.last_changed),
    last_updated: haIso(state.last_updated),
    context: { ...state.context },
  };
}

/** `c` is the bare id when parent_id and user_id are both null, else the whole object. */
function compressContext(context: SimContext): string | SimContext {
  return context.parent_id === null && context.user_id === null ? context.id : context;
}

export function compressState(state: SimState): Record<string, unknown> {
  const out: Record<string, unknown> = {
    s: state.state,
    a: state.attributes,
    c: compressContext(state.context),
    lc: state.last_changed / MS_PER_SECOND,
  };
  if (state.last_updated !== state.last_changed) out.lu = state.last_updated / MS_PER_SECOND;
  return out;
}

/** HA's `_state_diff`: only what changed under `+`, removed attribute keys under `-`. */
export function stateDiff(old: SimState, next: SimState): Record<string, unknown> {
  const additions: Record<string, unknown> = {};
  const diff: Record<string, unknown> = { '+': additions };
  if (old.state !== next.state) additions.s = next.state;
  if (old.last_changed !== next.last_changed) additions.lc = next.last_changed / MS_PER_SECOND;
  else if (old.last_updated !== next.last_updated) additions.lu = next.last_updated / MS_PER_SECOND;
  const context: Record<string, unknown> = {};
  if (old.context.parent_id !== next.context.parent_id) context.parent_id = next.context.parent_id;
  if (old.context.user_id !== next.context.user_id) context.user_id = next.context.user_id;
  if (old.context.id !== next.context.id) {
    if (Object.keys(context).length > 0) context.id = next.context.id;
    else additions.c = next.context.id;
  }
  if (Object.keys(context).length > 0) additions.c = context;
  const changedAttributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next.attributes)) {
    if (JSON.stringify(old.attributes[key]) !== JSON.stringify(value)) changedAttributes[key] = value;
  }
  if (Object.keys(changedAttributes).length > 0) additions.a = changedAttributes;
  const removed = Object.keys(old.attributes).filter((key) => !(key in next.attributes));
  if (removed.length > 0) diff['-'] = { a: removed };
  return diff;
}

export interface SimEvent {
  event_type: string;
  data: Record<string, unknown>;
  time_fired: number;
  context: SimContext;
}

export function eventToDict(event: SimEvent): Record<string, unknown> {
  const data = event.event_type === 'state_changed' ? serializeStateChangedData(event.data) : event.data;
  return { event_type: event.event_type, data, origin: 'LOCAL', time_fired: haIso(event.time_fired), context: event.context };
}

function serializeStateChangedData(data: Record<string, unknown>): Record<string, unknown> {
  const old = data.old_state as SimState | null;
  const next = data.new_state as SimState | null;
  return { entity_id: data.entity_id, old_state: old && stateToDict(old), new_state: next && stateToDict(next) };
}
