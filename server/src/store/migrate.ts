import type { Db } from './db.js';
import { migrations } from './migrations/index.js';

export interface Migration {
  /** 1, 2, 3, … in order; recorded in `PRAGMA user_version` once applied. */
  version: number;
  name: string;
  up(db: Db): void;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration newer than the database, each in its own transaction together with the
 * `user_version` bump, so a failed step leaves the database at the previous version. A database
 * from a newer Almanac is refused instead of being misread.
 */
export function migrate(db: Db, list: readonly Migration[] = migrations): { from: number; to: number } {
  const from = schemaVersion(db);
  const latest = list.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new MigrationError(
      `The database is at schema version ${from}, newer than this Almanac knows (${latest}). Update Almanac or restore a backup.`,
    );
  }
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new MigrationError(`Migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  for (const m of list) {
    if (m.version <= from) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return { from, to: schemaVersion(db) };
}

/** The schema version this Almanac migrates databases to. */
export function latestSchemaVersion(list: readonly Migration[] = migrations): number {
  return list.at(-1)?.version ?? 0;
}
