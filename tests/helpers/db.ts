/**
 * Real SQLite for tests, through the production code (`openDatabase` + migrations): in memory, or
 * in a file that can be closed and reopened to simulate a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../server/src/store/db.js';
import { migrate } from '../../server/src/store/migrate.js';

export interface TestDb {
  db: Db;
  close(): Promise<void>;
}

/** A migrated in-memory database. */
export function memoryDb(): TestDb {
  const db = openDatabase(':memory:');
  migrate(db);
  return { db, close: async () => void (db.open && db.close()) };
}

export interface FileDb {
  path: string;
  /** Opens (and migrates) the database file; each call is a new connection, as after a restart. */
  open(): Db;
  close(): Promise<void>;
}

/** A database file in a fresh temporary directory, removed on close. */
export function fileDb(): FileDb {
  const dir = mkdtempSync(join(tmpdir(), 'almanac-test-'));
  const path = join(dir, 'almanac.db');
  const opened: Db[] = [];
  return {
    path,
    open() {
      const db = openDatabase(path);
      migrate(db);
      opened.push(db);
      return db;
    },
    async close() {
      for (const db of opened) if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
