/**
 * Errors of the farm (zones, recipes, grows) for its callers. The API's problem mapper turns them
 * into 400/404/409 (api/problem.ts); the farm knows nothing of HTTP.
 */
import type { FieldProblem } from '../engine/errors.js';

/** Input that is well-formed but not acceptable (an unknown entity, a parent that would make a loop, …). */
export class FarmValidationError extends Error {
  constructor(readonly errors: FieldProblem[]) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    this.name = 'FarmValidationError';
  }
}

/** No such zone, recipe or grow. `what` reads like "Zone 1234". */
export class FarmNotFoundError extends Error {
  constructor(readonly what: string) {
    super(`${what} does not exist`);
    this.name = 'FarmNotFoundError';
  }
}

/** The change clashes with what exists (an entity in another zone, a zone in use, a stale version). Nothing was written. */
export class FarmConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FarmConflictError';
  }
}

/** The client edited an older version than the stored one. */
export class FarmStaleVersionError extends FarmConflictError {
  constructor(what: string, readonly current: number, readonly given: number) {
    super(`The ${what} was changed meanwhile (version ${current}, yours ${given}); reload it and apply your change again`);
    this.name = 'FarmStaleVersionError';
  }
}

/** Names in messages: `"Shelf 2"`, and a list of them (`"A", "B" and 3 more`). */
export function quoted(names: readonly string[], max = 3): string {
  const shown = names.slice(0, max).map((n) => `"${n}"`);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}
