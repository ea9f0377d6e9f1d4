/**
 * Almanac's own calls, remembered so that the state changes they cause are never taken for
 * changes by hand. HA stamps every state write with the context of what caused it; a call's
 * result carries that context's id (ha-protocol.md §2.3), and what a script or automation does in
 * its wake carries it as `parent_id`. Three cases need care:
 *
 * - The state change usually arrives before the call's result (HA writes the state inside the
 *   service, §2.3), and a slow integration may hold the result for seconds: a change on an entity
 *   that one of our calls in flight may touch waits until those calls have answered.
 * - A call that got no answer (timeout, connection lost) may still have happened: for a while,
 *   changes of its entities that agree with what it asked count as ours.
 * - Devices report late (a cloud light, a poll after a transition) with a fresh context once HA's
 *   5-second context reuse is over: for a while after each call, a change of its entities that
 *   agrees with what it asked counts as ours too.
 */
import type { EntityState, HaContext, ServiceCall } from '../../domain/ha.js';
import { indirectMembers, indirectTarget, type RegistryView } from '../actions/index.js';
import type { CallTracker } from '../calls.js';
import type { Clock } from '../ports.js';

/** Context ids are kept this long: a watering script may still switch valves hours after our call. */
const CONTEXT_TTL_MS = 6 * 3_600_000;
/** …and at most this many (a 1-second interval makes 86,400 calls a day; 26-character ids). */
const MAX_CONTEXTS = 20_000;
/** After an answered call, late device reports that agree with it are ours for this long. */
const ANSWERED_GRACE_MS = 30_000;
/** A call without answer may still land in HA this long after (our call timeout is 10 s; HA may be slower). */
const UNANSWERED_GRACE_MS = 120_000;
/** Domains whose calls change no entity state (notifications, MQTT). */
const STATELESS_DOMAINS = new Set(['notify', 'persistent_notification', 'system_log', 'logbook', 'mqtt']);
const OFF_STATES = new Set(['off', 'closed', 'closing', 'locked', 'idle', 'standby']);

/** Which entities a call may change: a set, or null when it cannot be told (a script, an unknown area). */
type Reach = ReadonlySet<string> | null;

interface InFlight {
  reach: Reach;
  settled: Promise<void>;
}

interface Expectation {
  until: number;
  /** Whether a state agrees with what the call asked. */
  agrees: (state: EntityState) => boolean;
}

function ids(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** What a call asks of its entities, as far as its service says: on, off, or anything (a level, a toggle). */
function agreement(call: ServiceCall): (state: EntityState) => boolean {
  const service = call.service;
  const data = call.data ?? {};
  const dimmedOut = data.brightness_pct === 0 || data.brightness === 0 || data.percentage === 0;
  if (service === 'turn_off' || service.startsWith('close') || service === 'lock' || dimmedOut) return (s) => OFF_STATES.has(s.state);
  if (service === 'turn_on' || service.startsWith('open') || service === 'unlock') return (s) => !OFF_STATES.has(s.state);
  return () => true;
}

/** The eviction queue is compacted once this many of its front entries are spent. */
const COMPACT_AFTER = 1024;

export class OwnCalls implements CallTracker {
  private readonly contexts = new Map<string, number>();
  /**
   * Context ids oldest first, for eviction. A queue of its own: deleting from the front of a big
   * Map and iterating it again walks V8's tombstones (measured: ~17 µs per answer at 20,000).
   */
  private order: string[] = [];
  private head = 0;
  private readonly inFlight = new Map<number, InFlight>();
  private readonly expectations = new Map<string, Expectation>();
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    private readonly registry: RegistryView,
  ) {}

  begin(call: ServiceCall): (answer: HaContext | 'refused' | null) => void {
    if (STATELESS_DOMAINS.has(call.domain)) return () => {};
    const id = ++this.seq;
    const reach = this.reach(call);
    let resolve: () => void = () => {};
    const settled = new Promise<void>((r) => (resolve = r));
    this.inFlight.set(id, { reach, settled });
    return (answer) => {
      this.inFlight.delete(id);
      resolve();
      if (answer === 'refused') return;
      const now = this.clock.now();
      if (answer) this.remember(answer.id, now);
      const until = now + (answer ? ANSWERED_GRACE_MS : UNANSWERED_GRACE_MS);
      const agrees = agreement(call);
      for (const entityId of reach ?? []) this.expectations.set(entityId, { until, agrees });
    };
  }

  /** The context is one of our calls', or came from one (a script or automation it set off). */
  isOurs(context: HaContext): boolean {
    return this.contexts.has(context.id) || (context.parent_id !== null && this.contexts.has(context.parent_id));
  }

  /** A recent call of ours on this entity asked for what it now is (a late report of our own change). */
  expected(state: EntityState): boolean {
    const e = this.expectations.get(state.entity_id);
    if (!e) return false;
    if (e.until <= this.clock.now()) {
      this.expectations.delete(state.entity_id);
      return false;
    }
    return e.agrees(state);
  }

  /** Resolves once every call of ours in flight that may change the entity has answered; null when there is none. */
  settling(entityId: string): Promise<void> | null {
    const waits = [...this.inFlight.values()].filter((f) => f.reach === null || f.reach.has(entityId)).map((f) => f.settled);
    return waits.length > 0 ? Promise.all(waits).then(() => undefined) : null;
  }

  private reach(call: ServiceCall): Reach {
    const target = call.target ?? {};
    const named = [...ids(target.entity_id), ...ids(call.data?.entity_id)];
    const indirect = indirectTarget(target);
    if (indirect) {
      const members = indirectMembers(indirect, this.registry);
      if (members === null) return null;
      named.push(...members);
    }
    // A call that names nothing (script.water_all, scene.apply) may change anything.
    if (named.length === 0) return null;
    return new Set(named);
  }

  private remember(contextId: string, now: number): void {
    if (!this.contexts.has(contextId)) this.order.push(contextId);
    this.contexts.set(contextId, now);
    while (this.head < this.order.length) {
      const oldest = this.order[this.head]!;
      const at = this.contexts.get(oldest) ?? 0;
      if (this.contexts.size <= MAX_CONTEXTS && now - at < CONTEXT_TTL_MS) break;
      this.contexts.delete(oldest);
      this.head += 1;
    }
    if (this.head >= COMPACT_AFTER && this.head * 2 >= this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }
}
