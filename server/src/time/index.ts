/**
 * Pure occurrence math (DESIGN.md "Time semantics"): when triggers fire, in which zone, and what
 * the DST policy does. No I/O and no clock: "now" is always a parameter. Instants are epoch ms.
 */
export type { Occurrence, OccurrenceNote, Stepper, TimeContext } from './types.js';
export { OCCURRENCE_NOTES } from './types.js';
export { InvalidTriggerError, InvalidZoneError, type TriggerProblem } from './errors.js';
export { compileTrigger, nextOccurrence, occurrencesBetween } from './next-occurrence.js';
export { MAX_PREVIEW_COUNT, noteDetail, preview, toPreviewItem, type PreviewItem } from './preview.js';
export { validateTrigger } from './validate.js';
export { applyJitter } from './jitter.js';
export { describeTrigger, type DescribeLocale } from './describe.js';
export {
  formatOffset,
  hasTransitionBetween,
  isValidZone,
  localDay,
  offsetAt,
  resolveLocal,
  toWall,
  type Resolved,
  type ResolveNote,
} from './zone.js';
export { parseInstant, parseTimeOfDay, parseLocalDate } from './parse.js';
export { sunEventOn } from './sun.js';
export type { WallTime, CivilDate } from './civil.js';
