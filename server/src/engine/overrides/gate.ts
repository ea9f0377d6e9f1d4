/**
 * The override gate: the first entity gate (entity-gates.ts). While a person holds an entity, a
 * schedule's step leaves it alone: the run records it `overridden` with the hold's reason, sends
 * nothing for it, and its other entities still act. A map lookup per entity: it sits on the fire
 * path.
 */
import type { EntityGate } from '../entity-gates.js';
import { holdAt, type OverrideBook } from './book.js';

export function overrideGate(book: OverrideBook): EntityGate {
  return (entityId, ctx) => {
    const hold = holdAt(book.on(entityId), ctx.now);
    return hold ? { act: false, status: 'overridden', reason: hold.reason } : null;
  };
}
