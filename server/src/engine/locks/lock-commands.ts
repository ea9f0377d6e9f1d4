/**
 * Locks as the API and the panel see them: definitions (capacity, wait limit) with who holds each
 * lock now and who waits, in line order; create, change and delete, versioned and audited. A lock
 * that schedules use, or that runs hold or wait for, cannot be deleted.
 */
import type { Actor } from '../../store/audit.js';
import type { LockRecord } from '../../store/locks.js';
import { transact, type EngineCore } from '../core.js';
import { LockStateError, StaleVersionError, UnknownLockError } from '../errors.js';

export interface LockHolder {
  run_id: string;
  schedule_id: string | null;
  /** When it took the lock. */
  since: number;
  /** When its window closes (and it lets go), when it is a window. */
  until: number | null;
}

export interface LockWaiterView {
  run_id: string;
  schedule_id: string | null;
  planned_at: number;
  queued_at: number;
  /** When it gives up (skipped, `lock wait exceeded`). */
  gives_up_at: number;
}

export interface LockView extends LockRecord {
  holders: LockHolder[];
  queue: LockWaiterView[];
  /** Schedules whose policy takes this lock. */
  used_by: { id: string; name: string }[];
}

export interface LockInput {
  name: string;
  capacity: number;
  max_wait_seconds: number;
}

export interface LockChanges {
  capacity?: number;
  max_wait_seconds?: number;
  version: number;
}

function view(core: EngineCore, lock: LockRecord): LockView {
  const holders = core.locks.holderIds(lock.name).map((id) => {
    const run = core.active.get(id)?.run;
    return { run_id: String(id), schedule_id: run?.schedule_id ?? null, since: run?.started_at ?? 0, until: run?.result?.window_end_at ?? null };
  });
  const queue = core.locks.line(lock.name).map((w) => ({
    run_id: String(w.runId), schedule_id: w.scheduleId || null, planned_at: w.planned, queued_at: w.queuedAt, gives_up_at: w.deadline,
  }));
  return { ...lock, holders: holders.sort((a, b) => a.since - b.since), queue, used_by: core.schedules.usingLock(lock.name) };
}

export function listLocks(core: EngineCore): LockView[] {
  return core.lockDefs.all().map((l) => view(core, l));
}

export function getLock(core: EngineCore, name: string): LockView {
  const lock = core.lockDefs.get(name);
  if (!lock) throw new UnknownLockError(name);
  return view(core, lock);
}

export function createLock(core: EngineCore, input: LockInput, actor: Actor): LockView {
  const now = core.clock.now();
  const record: LockRecord = { ...input, version: 1, created_at: now, updated_at: now };
  transact(core, () => {
    if (!core.lockDefs.insert(record)) throw new LockStateError(`A lock named "${input.name}" already exists`);
    core.audit.record(now, actor, 'create', 'lock', input.name, undefined, record);
  });
  core.bus.emit('lock.changed', { name: input.name });
  return getLock(core, input.name);
}

/** Changes capacity or wait limit; a larger capacity lets waiting runs start at once (`advance`). */
export function updateLock(core: EngineCore, name: string, changes: LockChanges, actor: Actor, advance: (lock: string) => void): LockView {
  const current = core.lockDefs.get(name);
  if (!current) throw new UnknownLockError(name);
  if (current.version !== changes.version) throw new StaleVersionError(current.version, changes.version);
  const now = core.clock.now();
  const next: LockRecord = {
    ...current,
    capacity: changes.capacity ?? current.capacity,
    max_wait_seconds: changes.max_wait_seconds ?? current.max_wait_seconds,
    version: current.version + 1,
    updated_at: now,
  };
  transact(core, () => {
    core.lockDefs.update(next);
    core.audit.record(now, actor, 'update', 'lock', name, current, next);
  });
  core.bus.emit('lock.changed', { name });
  if (next.capacity > current.capacity) advance(name);
  return getLock(core, name);
}

export function deleteLock(core: EngineCore, name: string, actor: Actor): void {
  const current = getLock(core, name);
  if (current.used_by.length > 0) {
    const names = current.used_by.map((s) => `"${s.name}"`).join(', ');
    throw new LockStateError(`Lock "${name}" is used by ${current.used_by.length === 1 ? 'schedule' : 'schedules'} ${names}; change their lock first`);
  }
  if (current.holders.length > 0 || current.queue.length > 0) throw new LockStateError(`Lock "${name}" is held or waited for by runs in progress`);
  transact(core, () => {
    core.lockDefs.delete(name);
    core.audit.record(core.clock.now(), actor, 'delete', 'lock', name, current);
  });
  core.bus.emit('lock.changed', { name });
}
