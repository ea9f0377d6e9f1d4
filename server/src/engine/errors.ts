/**
 * Errors the engine raises for callers (API, MQTT, import). The API's problem mapper turns them
 * into 400/404/409; the engine never imports HTTP code.
 */
export interface FieldProblem {
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
