/**
 * Errors of the pure time code. Callers validate first (`validateTrigger`); these are thrown when
 * a trigger or zone that was never validated reaches the occurrence math, which is a broken
 * invariant for the caller to contain (one bad schedule must not stop the engine).
 */
import type { ProblemCoding } from '../domain/problem-codes.js';

/** A field-level problem, path relative to the trigger (`expression`, `times.1`). */
export interface TriggerProblem extends ProblemCoding {
  path: string;
  message: string;
}

/** The zone is not an IANA time zone this runtime knows. */
export class InvalidZoneError extends Error {
  constructor(readonly zone: string) {
    super(`Unknown time zone "${zone}" (expected an IANA name such as Europe/Berlin)`);
    this.name = 'InvalidZoneError';
  }
}

/** The trigger cannot be evaluated; `problems` says why, field by field. */
export class InvalidTriggerError extends Error {
  constructor(readonly problems: TriggerProblem[]) {
    super(problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; '));
    this.name = 'InvalidTriggerError';
  }
}
