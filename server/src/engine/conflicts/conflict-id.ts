/**
 * A conflict's stable id: the same kind, the same entity or lock and the same set of schedules
 * give the same id however the horizon moves, so a decision taken about it is found again.
 */
import { createHash } from 'node:crypto';
import type { ConflictKind } from '../../domain/conflict.js';

/** Hex characters kept of the digest: 64 bits, no collision among a home's few thousand conflicts. */
const ID_LENGTH = 16;

export function conflictId(kind: ConflictKind, subject: string, scheduleIds: readonly string[]): string {
  const ids = [...new Set(scheduleIds)].sort();
  return createHash('sha256').update(`${kind}\u0000${subject}\u0000${ids.join('\u0000')}`).digest('hex').slice(0, ID_LENGTH);
}
