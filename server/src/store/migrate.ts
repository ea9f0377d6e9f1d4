import type { Db } from './db.js';
import { migrations } from './migrations/index.js';
import { inTransaction } from './transaction.js';

export interface Migration {
  /** 1, 2, 3, … in order; recorded in `PRAGMA user_version` once applied. */
  version: number;
  name: string;
  /**
   * The migration rebuilds tables that others reference (SQLite changes a column's constraints only
   * by copying the table): foreign keys are switched off around it, as SQLite's "other kinds of
   * table schema changes" procedure says, and checked before it commits.
   */
  rebuildsTables?: boolean;
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
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
    // Only effective outside a transaction; a DROP TABLE would otherwise cascade into its children.
    if (m.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      inTransaction(db, () => {
        m.up(db);
        if (m.rebuildsTables) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new MigrationError(`Migration ${m.name} left ${broken.length} rows with broken references`);
        }
        db.pragma(`user_version = ${m.version}`);
      });
    } finally {
      if (m.rebuildsTables) db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
    }
  }
  return { from, to: schemaVersion(db) };
}

/** The schema version this Almanac migrates databases to. */
export function latestSchemaVersion(list: readonly Migration[] = migrations): number {
  return list.at(-1)?.version ?? 0;
}
