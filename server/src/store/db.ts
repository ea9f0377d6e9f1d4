import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type Db = Database.Database;

/**
 * Busy timeout for the rare case a backup tool or a second process holds the lock; short enough
 * that a stuck lock surfaces as an error instead of a silent stall of the dispatcher.
 */
const BUSY_TIMEOUT_MS = 2_000;

/**
 * SQLite's own page cache, in KiB (SQLite's default is 2,000). The engine keeps what it needs in
 * memory and asks SQLite for rows it reads once (lists, imports, a detection from scratch), which
 * the operating system's file cache serves just as well; a larger cache only holds their pages
 * (5 MB of RSS at 10,000 schedules, measured) while the b-tree's inner pages fit in this one.
 */
const PAGE_CACHE_KIB = 256;

/**
 * Opens the database with the settings the engine relies on: WAL (readers never block the writer),
 * `synchronous=NORMAL` (durable across process crashes, ~41k single-row transactions/s here),
 * foreign keys on, a small page cache (PAGE_CACHE_KIB), and automatic checkpoints off: at 100k
 * rows they put 5–8 ms spikes into the dispatcher's p99, so `checkpoint()` runs from a background
 * timer instead (see store/maintenance.ts).
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, nativeBinding());
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('wal_autocheckpoint = 0');
  db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  return db;
}

let addon: { nativeBinding?: string } | undefined;

/**
 * Where better-sqlite3's compiled addon is, told to it instead of letting its `bindings` helper
 * look: that search tries a dozen paths, requiring each (a thrown error per miss), and with the
 * package's own files it was enough path work at every start for V8 to optimize Node's path
 * normalizing, which touches ~3 MB of its optimizing compiler that an idle server never needs
 * (the bundle also has better-sqlite3's JavaScript inside, scripts/bundle.ts). An addon elsewhere
 * (a debug build) is still found the old way.
 */
function nativeBinding(): { nativeBinding?: string } {
  if (addon) return addon;
  const pkg = createRequire(import.meta.url).resolve('better-sqlite3/package.json');
  const file = join(dirname(pkg), 'build', 'Release', 'better_sqlite3.node');
  addon = existsSync(file) ? { nativeBinding: file } : {};
  return addon;
}

/** Moves WAL pages into the main file without blocking writers (PASSIVE). */
export function checkpoint(db: Db): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}

/** Size of the database file plus its WAL, for health. */
export function databaseSize(db: Db): number {
  const pageCount = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  return pageCount * pageSize;
}

/** A cheap liveness check: the connection answers a query. */
export function databaseOk(db: Db): { ok: boolean; error?: string } {
  try {
    db.prepare('SELECT 1').get();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Opens an existing database for reading only (the `almanac` CLI while no server runs): nothing is
 * created, migrated or written, and a running server's writes are not blocked (WAL).
 */
export function openDatabaseReadOnly(path: string): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true, ...nativeBinding() });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return db;
}
