/** The opaque cursor of the holds list (newest first): the last row's creation instant and id. */
import type { Override } from '../../domain/override.js';

export function encodeOverrideCursor(o: Pick<Override, 'created_at' | 'id'>): string {
  return Buffer.from(JSON.stringify([o.created_at, o.id])).toString('base64url');
}

/** The position a cursor names, or null when it is not one of ours. */
export function decodeOverrideCursor(cursor: string): { created_at: number; id: string } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && Number.isSafeInteger(value[0]) && typeof value[1] === 'string') return { created_at: value[0] as number, id: value[1] };
  } catch {
    // not ours
  }
  return null;
}
