import type { Db } from './db.js';

/**
 * One transaction wrapper per database, made on first use. `db.transaction(fn)` builds a wrapper
 * and its four variants (deferred, immediate, …) on every call: ~10 KB of short-lived objects,
 * about a fifth of what a fire allocates, when the hot paths made one per transaction.
 */
const wrappers = new WeakMap<Db, (fn: () => unknown) => unknown>();

/**
 * Runs `fn` in a transaction of `db` (a savepoint inside another one), as `db.transaction(fn)()`
 * does. Every transaction of the server goes through here.
 */
export function inTransaction<T>(db: Db, fn: () => T): T {
  let run = wrappers.get(db);
  if (!run) wrappers.set(db, (run = db.transaction((f: () => unknown) => f())));
  return run(fn) as T;
}
