/**
 * Schedules owned by something above the engine (a grow, farm/grows.ts): the engine knows the owner
 * only as the tag `grow_id`. An owner's schedules are written as a set: `replaceOwned` validates
 * every draft first, then in ONE transaction deletes the owner's current schedules, writes the new
 * ones and the owner's own rows (`write`), so a set that cannot be made writes nothing. Open windows
 * of the schedules that go are closed (their end actions run now), except on entities a new window
 * that is open now will re-apply, so a light does not blink when its grow moves to a new recipe
 * version; the new schedules' open windows are re-applied as after a restart.
 */
import { randomUUID } from 'node:crypto';
import type { Schedule } from '../domain/schedule.js';
import type { Actor } from '../store/audit.js';
import { toSchedule, type ScheduleRecord } from '../store/schedules.js';
import { isIdempotent } from './actions/index.js';
import { closingCalls, sendClosingCalls } from './close-windows.js';
import { check, recordFrom, removeSchedule, store, type CommandEnv } from './commands.js';
import { transact, type EngineCore } from './core.js';
import { InvalidScheduleError, type FieldProblem } from './errors.js';
import { replan } from './planner.js';
import { viewOf } from './queries.js';
import type { ScheduleDraft, ScheduleView } from './types.js';
import { openWindow } from './windows.js';
import { resolveZoneTarget } from './zone-targets.js';

function prepare(env: CommandEnv, owner: string, drafts: readonly ScheduleDraft[], now: number): ScheduleRecord[] {
  const problems: FieldProblem[] = [];
  const records = drafts.map((draft, i) => {
    const zone = draft.timezone ?? env.defaultZone();
    try {
      check(env, draft, zone);
    } catch (error) {
      if (!(error instanceof InvalidScheduleError)) throw error;
      problems.push(...error.errors.map((p) => ({ path: `items.${i}.${p.path}`, message: p.message })));
    }
    const record = recordFrom(draft, randomUUID(), zone, now, owner);
    replan(record, now, env.planEnv());
    return record;
  });
  if (problems.length > 0) throw new InvalidScheduleError(problems);
  return records;
}

/**
 * Entities the new schedules' open windows will be re-applied to right away (the rules of
 * restore.ts: an idempotent window without a lock whose restore policy is `reapply`).
 */
function wantedNow(core: EngineCore, records: readonly ScheduleRecord[], now: number): Set<string> {
  const ids = new Set<string>();
  for (const s of records) {
    if (!s.enabled || s.policy.restore !== 'reapply' || s.policy.lock !== null || s.action.type === 'sequence' || !isIdempotent(s.action)) continue;
    if (!openWindow(s, now, core.location())) continue;
    const target = resolveZoneTarget(s.target, core.zones);
    for (const id of target.ok ? (target.value.entity_id ?? []) : []) ids.add(id);
  }
  return ids;
}

export interface OwnedOptions {
  /** The owner's own writes, inside the same transaction, given the new schedules' ids. */
  write?: (ids: string[]) => void;
  /** The owner's schedules to leave as they are (e.g. a grow's finished phases, for their history). */
  retain?: (s: Schedule) => boolean;
}

/**
 * Makes `drafts` the owner's schedules (all it had, but those it retains, are replaced; [] removes
 * them), with the owner's own writes inside the same transaction. Throws InvalidScheduleError
 * (paths `items.<i>.<field>`) before anything is written.
 */
export function replaceOwned(env: CommandEnv, owner: string, drafts: readonly ScheduleDraft[], actor: Actor, options: OwnedOptions = {}): ScheduleView[] {
  const core = env.core;
  const now = core.clock.now();
  const records = prepare(env, owner, drafts, now);
  const old = core.schedules.idsByGrow(owner).map((id) => core.cache.get(id)).filter((s) => s !== undefined).filter((s) => !options.retain?.(toSchedule(s)));
  const write = options.write;
  const keep = wantedNow(core, records, now);
  const closing = old.map((s) => ({ s, calls: closingCalls(core, s, keep) }));
  transact(core, (batch) => {
    for (const s of old) removeSchedule(env, batch, s, actor);
    for (const record of records) {
      store(env, batch, record, true);
      core.audit.record(now, actor, 'create', 'schedule', record.id, undefined, toSchedule(record));
    }
    write?.(records.map((r) => r.id));
  });
  for (const { s, calls } of closing) sendClosingCalls(core, s, calls);
  env.restore(records.map((r) => r.id));
  return records.map((r) => viewOf(core, r));
}
