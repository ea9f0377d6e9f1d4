/**
 * A conflict's stable id: the same kind, the same entity or lock and the same set of schedules
 * give the same id however the horizon moves, so a decision taken about it is found again.
 */
import { createHash } from 'node:crypto';
import type { ConflictKind } from '../../domain/conflict.js';

/** Hex characters kept of the digest: 64 bits, no collision among a home's few thousand conflicts. */
const ID_LENGTH = 16;

/** Ids already computed, by their key: a week of a daily conflict asks for the same id seven times. */
const known = new Map<string, string>();
/** Forget the memo past this size (a few hundred KB); ids are recomputed on demand. */
const MEMO_SIZE = 20_000;

export function conflictId(kind: ConflictKind, subject: string, scheduleIds: readonly string[]): string {
  const ids = [...new Set(scheduleIds)].sort();
  const key = `${kind}\u0000${subject}\u0000${ids.join('\u0000')}`;
  let id = known.get(key);
  if (id === undefined) {
    if (known.size >= MEMO_SIZE) known.clear();
    id = createHash('sha256').update(key).digest('hex').slice(0, ID_LENGTH);
    known.set(key, id);
  }
  return id;
}
