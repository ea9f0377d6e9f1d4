/**
 * The client's copy of HA's state machine, fed by `subscribe_entities` events in HA's compressed
 * format (ha-protocol.md §2.8): `a` adds (full compressed states), `c` changes (`+` additions,
 * `-` removed attribute keys), `r` removals. Expanded as the lib's `processEvent` does (float
 * seconds → ISO strings with `Z`), but reporting which ids changed, and reconciling a fresh
 * snapshot after a reconnect so entities deleted while we were away disappear too (the lib keeps
 * them forever, §3.3). Each state keeps HA's context (`c`: a bare id when it has no parent and no
 * user, else the object; a diff sends only the context keys that changed, §2.8), which is how a
 * device switched by a person is told from one switched by Almanac's own call.
 */
import type { EntityChange, EntityState, HaContext } from '../domain/ha.js';

type Attributes = Record<string, unknown>;

export interface CompressedState {
  s: string;
  a: Attributes;
  c: string | Record<string, unknown>;
  lc: number;
  lu?: number;
}

export interface CompressedDiff {
  '+'?: { s?: string; a?: Attributes; c?: unknown; lc?: number; lu?: number };
  '-'?: { a?: string[] };
}

/** One `subscribe_entities` event. */
export interface EntitiesEvent {
  a?: Record<string, CompressedState>;
  c?: Record<string, CompressedDiff>;
  r?: string[];
}

const MS_PER_SECOND = 1000;

function isoFromSeconds(seconds: number): string {
  return new Date(seconds * MS_PER_SECOND).toISOString();
}

const NO_CONTEXT: HaContext = { id: '', parent_id: null, user_id: null };

/** A context as HA sends it: the id alone, or (some of) its keys, laid over the one before (messages.py `_state_diff`). */
function contextOf(raw: unknown, before: HaContext = NO_CONTEXT): HaContext {
  if (typeof raw === 'string') return { id: raw, parent_id: null, user_id: null };
  if (typeof raw !== 'object' || raw === null) return before;
  const c = raw as Record<string, unknown>;
  const text = (key: string, fallback: string | null): string | null => (key in c ? (typeof c[key] === 'string' ? (c[key] as string) : null) : fallback);
  return { id: text('id', before.id) ?? before.id, parent_id: text('parent_id', before.parent_id), user_id: text('user_id', before.user_id) };
}

function expand(entityId: string, compressed: CompressedState): EntityState {
  const lastChanged = isoFromSeconds(compressed.lc);
  const state: EntityState = {
    entity_id: entityId,
    state: compressed.s,
    attributes: compressed.a ?? {},
    last_changed: lastChanged,
    last_updated: compressed.lu !== undefined ? isoFromSeconds(compressed.lu) : lastChanged,
  };
  if (compressed.c !== undefined) state.context = contextOf(compressed.c);
  return state;
}

function sameState(a: EntityState, b: EntityState): boolean {
  return (
    a.state === b.state &&
    a.last_changed === b.last_changed &&
    a.last_updated === b.last_updated &&
    JSON.stringify(a.attributes) === JSON.stringify(b.attributes)
  );
}

function applyDiff(current: EntityState, diff: CompressedDiff): EntityState {
  const next: EntityState = { ...current };
  const add = diff['+'];
  const removed = diff['-']?.a;
  if (add?.s !== undefined) next.state = add.s;
  if (add?.lc !== undefined) next.last_changed = next.last_updated = isoFromSeconds(add.lc);
  else if (add?.lu !== undefined) next.last_updated = isoFromSeconds(add.lu);
  // A diff's string `c` is a new id whose parent and user did not change; an object names the keys that did.
  if (add?.c !== undefined) next.context = typeof add.c === 'string' ? { ...(current.context ?? NO_CONTEXT), id: add.c } : contextOf(add.c, current.context);
  if (add?.a || removed) {
    const attributes: Attributes = { ...current.attributes, ...add?.a };
    for (const key of removed ?? []) delete attributes[key];
    next.attributes = attributes;
  }
  return next;
}

export class EntityCache {
  private readonly states = new Map<string, EntityState>();

  get(entityId: string): EntityState | undefined {
    return this.states.get(entityId);
  }

  all(): EntityState[] {
    return [...this.states.values()];
  }

  get size(): number {
    return this.states.size;
  }

  /**
   * Applies one event and returns the ids that were added, changed or removed. With
   * `snapshot: true` (the first event of a new subscription) every entity missing from `a` is
   * removed, and entities whose state is unchanged are not reported. `changes`, when given,
   * receives each write with the state before and after.
   */
  apply(event: EntitiesEvent, options: { snapshot?: boolean; changes?: EntityChange[] } = {}): string[] {
    const changed = new Set<string>();
    const log = options.changes;
    const added = event.a ?? {};
    if (options.snapshot) {
      for (const id of this.states.keys()) {
        if (!(id in added)) {
          log?.push({ entity_id: id, old_state: this.states.get(id)!, new_state: null });
          this.states.delete(id);
          changed.add(id);
        }
      }
    }
    for (const [id, compressed] of Object.entries(added)) {
      const next = expand(id, compressed);
      const previous = this.states.get(id);
      this.states.set(id, next);
      if (!previous || !sameState(previous, next)) {
        changed.add(id);
        log?.push({ entity_id: id, old_state: previous ?? null, new_state: next });
      }
    }
    for (const id of event.r ?? []) {
      const previous = this.states.get(id);
      if (this.states.delete(id)) {
        changed.add(id);
        log?.push({ entity_id: id, old_state: previous!, new_state: null });
      }
    }
    for (const [id, diff] of Object.entries(event.c ?? {})) {
      const current = this.states.get(id);
      // A change for an entity we never saw cannot be expanded (the lib drops it too).
      if (!current) continue;
      const next = applyDiff(current, diff);
      this.states.set(id, next);
      changed.add(id);
      log?.push({ entity_id: id, old_state: current, new_state: next });
    }
    return [...changed];
  }
}
