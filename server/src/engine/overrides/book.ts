/**
 * The holds in force, in memory, by entity: what the override gate reads on the fire path (no
 * SQLite, no JSON between the timer and the call). Filled from the store at start and kept by the
 * override commands. `holdAt` is pure over a snapshot, so the conflict detector asks the same
 * question of a future instant ("will light.shelf_1 be held at 22:00?") without a second rule.
 */

/** One hold as the gate needs it. */
export interface Hold {
  id: string;
  entity_ids: readonly string[];
  created_at: number;
  /** Ends by itself then (epoch ms); null: only when someone ends it. */
  until: number | null;
  /** What a run held back says, written once when the hold begins ("held by Anna until 18:00: inspecting"). */
  reason: string;
}

/** Holds by entity id, frozen: safe to keep and to read at any instant. */
export type HoldSnapshot = ReadonlyMap<string, readonly Hold[]>;

/**
 * The hold on an entity in force at `at`, or null: begun at or before `at` and not yet over. Of
 * several, the one that lasts longest (an open-ended hold first), so the reason names what keeps it.
 */
export function holdAt(holds: readonly Hold[] | undefined, at: number): Hold | null {
  let found: Hold | null = null;
  for (const h of holds ?? []) {
    if (h.created_at > at || (h.until !== null && at >= h.until)) continue;
    if (!found || h.until === null || (found.until !== null && h.until > found.until)) found = h;
  }
  return found;
}

/** Whether `entityId` is held at `at` in this snapshot. */
export function heldAt(snapshot: HoldSnapshot, entityId: string, at: number): Hold | null {
  return holdAt(snapshot.get(entityId), at);
}

export class OverrideBook {
  private readonly byId = new Map<string, Hold>();
  private readonly byEntity = new Map<string, Hold[]>();

  add(hold: Hold): void {
    this.remove(hold.id);
    this.byId.set(hold.id, hold);
    for (const id of hold.entity_ids) this.byEntity.set(id, [...(this.byEntity.get(id) ?? []), hold]);
  }

  remove(holdId: string): void {
    const hold = this.byId.get(holdId);
    if (!hold) return;
    this.byId.delete(holdId);
    for (const id of hold.entity_ids) {
      const left = (this.byEntity.get(id) ?? []).filter((h) => h.id !== holdId);
      if (left.length > 0) this.byEntity.set(id, left);
      else this.byEntity.delete(id);
    }
  }

  get(holdId: string): Hold | undefined {
    return this.byId.get(holdId);
  }

  /** The holds on one entity (in force or about to end). */
  on(entityId: string): readonly Hold[] {
    return this.byEntity.get(entityId) ?? [];
  }

  all(): Hold[] {
    return [...this.byId.values()];
  }

  /**
   * The holds by entity as they are now. Each entity's list is replaced (never changed in place)
   * when holds come and go, so a snapshot stays as it was taken.
   */
  snapshot(): HoldSnapshot {
    return new Map(this.byEntity);
  }

  get size(): number {
    return this.byId.size;
  }
}
