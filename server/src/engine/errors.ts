/**
 * Errors the engine raises for callers (API, MQTT, import). The API's problem mapper turns them
 * into 400/404/409; the engine never imports HTTP code.
 */
import type { ProblemCoding } from '../domain/problem-codes.js';

export interface FieldProblem extends ProblemCoding {
  /** Dotted path in the schedule, e.g. `trigger.expression`, `target.entity_id.0`. */
  path: string;
  message: string;
}

/** The schedule is well-formed but not acceptable (unknown entity, invalid cron, sun without location…). */
export class InvalidScheduleError extends Error {
  constructor(readonly errors: FieldProblem[]) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    this.name = 'InvalidScheduleError';
  }
}

export class UnknownScheduleError extends Error {
  constructor(readonly id: string) {
    super(`Schedule ${id} does not exist`);
    this.name = 'UnknownScheduleError';
  }
}

export class UnknownRunError extends Error {
  constructor(readonly id: string) {
    super(`Run ${id} does not exist`);
    this.name = 'UnknownRunError';
  }
}

/** A PATCH carried an old `version`: someone else changed the schedule meanwhile. Nothing was written. */
export class StaleVersionError extends Error {
  constructor(readonly current: number, readonly given: number) {
    super(`The schedule was changed meanwhile (version ${current}, yours ${given}); reload it and apply your change again`);
    this.name = 'StaleVersionError';
  }
}

/** The command does not fit the schedule's state (e.g. run now on a deleted/completed one when not allowed). */
export class ScheduleStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScheduleStateError';
  }
}

/**
 * A runs cursor that this server did not hand out. A kind of InvalidScheduleError (field `cursor`),
 * so the problem mapper answers 400 with the field named.
 */
export class InvalidCursorError extends InvalidScheduleError {
  constructor(message = 'is not a cursor from a previous page; start again without it') {
    super([{ path: 'cursor', message }]);
    this.name = 'InvalidCursorError';
  }
}

export class UnknownLockError extends Error {
  constructor(readonly name_: string) {
    super(`Lock "${name_}" does not exist`);
    this.name = 'UnknownLockError';
  }
}

/** A lock cannot be created (the name is taken) or deleted (schedules use it, runs hold or wait for it). */
export class LockStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockStateError';
  }
}

/**
 * The schedule belongs to a grow (it was materialised from a recipe): it changes with the grow,
 * never on its own. `owner` is the grow's name when the caller knows it, else its id.
 */
export class ScheduleOwnedError extends ScheduleStateError {
  constructor(readonly scheduleName: string, readonly growId: string, owner: string = growId) {
    super(`Schedule "${scheduleName}" is owned by grow "${owner}"; edit the recipe (or move the grow to a new version) instead`);
    this.name = 'ScheduleOwnedError';
  }
}

export class UnknownOverrideError extends Error {
  constructor(readonly id: string) {
    super(`Override ${id} does not exist`);
    this.name = 'UnknownOverrideError';
  }
}

export class UnknownAuditEntryError extends Error {
  constructor(readonly id: string) {
    super(`Audit entry ${id} does not exist`);
    this.name = 'UnknownAuditEntryError';
  }
}

/** An audit entry cannot be restored: its subject has no restore, or the entry holds no earlier version of it. */
export class AuditRestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditRestoreError';
  }
}

export class UnknownConflictError extends Error {
  constructor(readonly id: string) {
    super(`Conflict ${id} does not exist (its schedules no longer fight in the coming days)`);
    this.name = 'UnknownConflictError';
  }
}

/**
 * A resolution that does not fit the conflict (a winner who is not in it, a shift the trigger
 * cannot take). A kind of InvalidScheduleError, so the problem mapper answers 400 naming the field.
 */
export class InvalidResolutionError extends InvalidScheduleError {
  constructor(errors: FieldProblem[]) {
    super(errors);
    this.name = 'InvalidResolutionError';
  }
}
