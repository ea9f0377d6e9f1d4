/**
 * Import of many schedules at once: every item is validated before anything is written, then all
 * are written in one transaction. `merge` replaces schedules whose id is known and creates the
 * others; `replace` also deletes the schedules the import does not mention. Imported schedules are
 * not required to have a future occurrence (a finished one-off imports as completed).
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../store/audit.js';
import { toSchedule, type ScheduleRecord } from '../store/schedules.js';
import { applyDraft, assertNotOwned, check, recordFrom, removeSchedule, store, type CommandEnv } from './commands.js';
import { transact } from './core.js';
import { InvalidScheduleError, ScheduleOwnedError, type FieldProblem } from './errors.js';
import { replan } from './planner.js';
import { viewOf } from './queries.js';
import type { ScheduleDraft, ScheduleView } from './types.js';

interface Prepared {
  record: ScheduleRecord;
  isNew: boolean;
  /** The schedule before the import replaced it (for the audit log, and a restore from it). */
  before?: ScheduleRecord;
}

function prepare(env: CommandEnv, item: { id?: string; draft: ScheduleDraft }, now: number): Prepared {
  const existing = item.id !== undefined ? env.core.cache.get(item.id) : undefined;
  if (existing) assertNotOwned(existing);
  if (existing) return { record: applyDraft(env, existing, item.draft, now, false), isNew: false, before: existing };
  const zone = item.draft.timezone ?? env.defaultZone();
  check(env, item.draft, zone);
  const record = recordFrom(item.draft, item.id ?? randomUUID(), zone, now);
  replan(record, now, env.planEnv());
  return { record, isNew: true };
}

export function importSchedules(env: CommandEnv, items: { id?: string; draft: ScheduleDraft }[], mode: 'merge' | 'replace', actor: Actor): ScheduleView[] {
  const core = env.core;
  const now = core.clock.now();
  const problems: FieldProblem[] = [];
  const prepared: Prepared[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (item.id !== undefined && seen.has(item.id)) problems.push({ path: `items.${i}.id`, message: 'appears twice in the import', code: 'duplicate_id' });
    if (item.id !== undefined) seen.add(item.id);
    try {
      prepared.push(prepare(env, item, now));
    } catch (error) {
      if (error instanceof ScheduleOwnedError) problems.push({ path: `items.${i}.id`, message: error.message });
      else if (!(error instanceof InvalidScheduleError)) throw error;
      else problems.push(...error.errors.map((p) => ({ ...p, path: `items.${i}.${p.path}` })));
    }
  });
  if (problems.length > 0) throw new InvalidScheduleError(problems);
  const keep = new Set(prepared.map((p) => p.record.id));
  // A grow's schedules are the grow's, not the import's: a replace leaves them.
  const doomed = mode === 'replace' ? core.cache.all().filter((s) => !keep.has(s.id) && s.grow_id === null) : [];
  for (const s of doomed) env.closeWindows(s);
  transact(core, (batch) => {
    for (const s of doomed) removeSchedule(env, batch, s, actor);
    for (const p of prepared) {
      store(env, batch, p.record, p.isNew);
      // One entry per schedule, so any schedule an import changed can be restored from the log.
      core.audit.record(now, actor, 'import', 'schedule', p.record.id, p.before ? toSchedule(p.before) : undefined, toSchedule(p.record));
    }
    core.audit.record(now, actor, 'import', 'schedule', null, undefined, { mode, imported: prepared.length, deleted: doomed.length });
  });
  return prepared.map((p) => viewOf(core, p.record));
}
