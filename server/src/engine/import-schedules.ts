/**
 * Import of many schedules at once, all or nothing: items are read one at a time from the caller's
 * iterable, checked, planned and written straight into one SQLite transaction, and dropped; only
 * their ids and wake-up times are kept for the effects after commit. If any item is refused, every
 * item is still checked (so the answer names all problems) and the transaction is rolled back:
 * nothing is written. `merge` replaces schedules whose id is known and creates the others;
 * `replace` also deletes the schedules the import does not mention. Imported schedules are not
 * required to have a future occurrence (a finished one-off imports as completed).
 *
 * Memory: 10,000 schedules used to be held as drafts, records, views and DTOs at once (~360 MB
 * peak); now one item at a time is, plus ~100 bytes per schedule for the effects.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../store/audit.js';
import { toSchedule, type ScheduleRecord } from '../store/schedules.js';
import { applyDraft, assertNotOwned, check, recordFrom, removeSchedule, type CommandEnv } from './commands.js';
import { armSchedule, transact, type Batch } from './core.js';
import { InvalidScheduleError, ScheduleOwnedError, type FieldProblem } from './errors.js';
import { replan } from './planner.js';
import type { ImportEntry, ImportSummary } from './types.js';

/** What arming a schedule after commit needs (engine/core.ts `armSchedule`), without the rest of the record. */
type Wake = Pick<ScheduleRecord, 'id' | 'enabled' | 'completed_at' | 'paused' | 'paused_until' | 'next_run_at'>;

function wakeOf(s: ScheduleRecord): Wake {
  return { id: s.id, enabled: s.enabled, completed_at: s.completed_at, paused: s.paused, paused_until: s.paused_until, next_run_at: s.next_run_at };
}

interface Prepared {
  record: ScheduleRecord;
  isNew: boolean;
  /** The schedule before the import replaced it (for the audit log, and a restore from it). */
  before?: ScheduleRecord;
}

/** The record an item becomes: the known schedule with the draft applied, or a new one. A grow's schedule is refused. */
function prepare(env: CommandEnv, item: Extract<ImportEntry, { draft: unknown }>, now: number): Prepared {
  const existing = item.id !== undefined ? env.core.cache.read(item.id) : undefined;
  if (existing) assertNotOwned(existing);
  if (existing) return { record: applyDraft(env, existing, item.draft, now, false), isNew: false, before: existing };
  const zone = item.draft.timezone ?? env.defaultZone();
  check(env, item.draft, zone);
  const record = recordFrom(item.draft, item.id ?? randomUUID(), zone, now);
  replan(record, now, env.planEnv());
  return { record, isNew: true };
}

/**
 * Writes one record, with its own audit entry so that any schedule an import changed can be
 * restored from the log; a cached schedule's entry is replaced, an uncached one is not loaded.
 */
function write(env: CommandEnv, batch: Batch, { record, isNew, before }: Prepared, actor: Actor, now: number): void {
  const core = env.core;
  if (record.policy.lock !== null) env.ensureLock(record.policy.lock);
  core.audit.record(now, actor, 'import', 'schedule', record.id, before ? toSchedule(before) : undefined, toSchedule(record));
  if (isNew) core.schedules.insert(record);
  else core.schedules.replace(record);
  if (core.cache.has(record.id)) core.cache.put(record);
  batch.touched.add(record.id);
}

/**
 * Deletes the schedules not in `keep` (mode replace), closing their open windows first. A grow's
 * schedules are the grow's, not the import's: a replace leaves them.
 */
function removeOthers(env: CommandEnv, batch: Batch, keep: ReadonlySet<string>, actor: Actor): number {
  let deleted = 0;
  for (const id of env.core.schedules.ids()) {
    if (keep.has(id)) continue;
    const s = env.core.cache.read(id);
    if (!s || s.grow_id !== null) continue;
    env.closeWindows(s);
    removeSchedule(env, batch, s, actor);
    deleted++;
  }
  return deleted;
}

/**
 * Imports `items` (see the file comment). Problems are reported as `<prefix>.<index>.<path>`.
 * Throws InvalidScheduleError with every problem when any item is refused.
 */
export function importSchedules(env: CommandEnv, items: Iterable<ImportEntry>, mode: 'merge' | 'replace', actor: Actor, prefix = 'items'): ImportSummary {
  const core = env.core;
  const now = core.clock.now();
  const problems: FieldProblem[] = [];
  const ids: string[] = [];
  const seen = new Set<string>();
  const wakes: Wake[] = [];
  let created = 0;
  const summary = transact(core, (batch) => {
    let i = 0;
    for (const item of items) {
      const at = (path: string): string => [prefix, i, path].filter((p) => p !== '').join('.');
      if ('problems' in item) problems.push(...item.problems.map((p) => ({ ...p, path: at(p.path) })));
      else if (item.id !== undefined && seen.has(item.id)) problems.push({ path: at('id'), message: 'appears twice in the import', code: 'duplicate_id' });
      else {
        try {
          const prepared = prepare(env, item, now);
          const { record, isNew } = prepared;
          seen.add(record.id);
          // Once an item is refused nothing will be committed: the rest are only checked.
          if (problems.length === 0) {
            write(env, batch, prepared, actor, now);
            ids.push(record.id);
            wakes.push(wakeOf(record));
            if (isNew) created++;
          }
        } catch (error) {
          if (error instanceof ScheduleOwnedError) problems.push({ path: at('id'), message: error.message, code: 'schedule_owned' });
          else if (error instanceof InvalidScheduleError) problems.push(...error.errors.map((p) => ({ ...p, path: at(p.path) })));
          else throw error;
        }
      }
      i++;
    }
    if (problems.length > 0) throw new InvalidScheduleError(problems);
    const deleted = mode === 'replace' ? removeOthers(env, batch, seen, actor) : 0;
    core.audit.record(now, actor, 'import', 'schedule', null, undefined, { mode, imported: ids.length, deleted });
    batch.after(() => {
      for (const wake of wakes) {
        armSchedule(core, wake);
        core.bus.emit('schedule.changed', { id: wake.id });
      }
    });
    return { imported: ids.length, created, updated: ids.length - created, deleted, ids };
  });
  return summary;
}
