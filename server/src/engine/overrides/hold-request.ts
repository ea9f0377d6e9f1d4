/**
 * What a request to hold devices comes to: the entities it holds (a zone's, an area's, a
 * schedule's devices resolved now), until when (a time, a duration, or the next scheduled change),
 * and the words a run held back by it says. Refusals name the field, like every API input.
 */
import type { StepAction } from '../../domain/action.js';
import type { Target } from '../../domain/ha.js';
import { localTime } from '../../notify/messages.js';
import type { EngineCore } from '../core.js';
import { targetEntities } from '../entity-gates.js';
import { InvalidScheduleError } from '../errors.js';
import { validateHoldTarget, validateManual } from '../validate.js';
import { resolveZoneTarget } from '../zone-targets.js';
import { touchedEntities, type ScheduleEntityIndex } from './entity-index.js';
import { nextChange } from './next-change.js';

/** A request to hold devices (the body of `POST /api/overrides`, validated in shape). */
export interface HoldRequest {
  target: Target;
  /** Hold every device this schedule touches (with or instead of `target`). */
  schedule_id: string | null;
  /** Applied now (and kept); null: held as they are. */
  action: StepAction | null;
  /** At most one of the three; none: until the next change. */
  until: number | null;
  duration_seconds: number | null;
  until_next_change: boolean;
  note: string | null;
}

export interface ResolvedHold {
  entity_ids: string[];
  until: number;
  until_next_change: boolean;
}

/** Names listed in a hold's label before "+N more". */
const NAMES_LISTED = 3;
const SECOND_MS = 1000;
/** A hold longer than a year is a forgotten hold, not a plan. */
export const MAX_HOLD_MS = 366 * 86_400_000;

/** The friendly names of entities, for labels and messages ("Shelf 1 light, Pump +2 more"). */
export function entityNames(core: Pick<EngineCore, 'ha'>, entityIds: readonly string[]): string {
  const names = entityIds.map((id) => {
    const friendly = core.ha.getState(id)?.attributes.friendly_name;
    return typeof friendly === 'string' && friendly ? friendly : id;
  });
  return names.slice(0, NAMES_LISTED).join(', ') + (names.length > NAMES_LISTED ? ` +${names.length - NAMES_LISTED} more` : '');
}

/** What a run held back says: who holds the entity, until when, and why. */
export function holdReason(user: string, until: number | null, note: string | null, zone: string): string {
  const when = until === null ? '' : ` until ${localTime(until, zone)}`;
  return `held by ${user}${when}${note ? ` (${note})` : ''}`;
}

function fail(path: string, message: string): never {
  throw new InvalidScheduleError([{ path, message }]);
}

/** Where a hold's action is sent: the target as given (a zone resolves when the run starts), else the held entities. */
export function actionTarget(request: HoldRequest, entityIds: string[]): Target {
  return Object.keys(request.target).length > 0 ? request.target : { entity_id: entityIds };
}

/** The entities a request holds; refuses unknown targets, a hold on nothing, and an action they cannot do. */
export function holdEntities(core: EngineCore, request: HoldRequest): string[] {
  const env = { ha: core.ha, location: core.location(), zones: core.zones };
  const hasTarget = Object.keys(request.target).length > 0;
  if (!hasTarget && request.schedule_id === null) fail('target', 'choose the devices to hold (entities, an area, a zone) or a schedule_id');
  if (hasTarget) {
    const problems = validateHoldTarget(request.target, env);
    if (problems.length > 0) throw new InvalidScheduleError(problems);
  }
  const ids = new Set<string>();
  if (hasTarget) {
    const resolved = resolveZoneTarget(request.target, core.zones);
    if (!resolved.ok) fail('target', resolved.error);
    for (const id of targetEntities(resolved.value, core.ha)) ids.add(id);
  }
  if (request.schedule_id !== null) {
    const s = core.cache.read(request.schedule_id);
    if (!s) fail('schedule_id', `there is no schedule ${request.schedule_id}`);
    for (const id of touchedEntities(core, s)) ids.add(id);
  }
  if (ids.size === 0) fail(hasTarget ? 'target' : 'schedule_id', 'names no device to hold');
  const entityIds = [...ids].sort();
  if (request.action) {
    const problems = validateManual(actionTarget(request, entityIds), request.action, env);
    if (problems.length > 0) throw new InvalidScheduleError(problems);
  }
  return entityIds;
}

/** Until when the hold lasts: the time given, now plus the duration, or the next scheduled change of its entities. */
export function holdUntil(core: EngineCore, index: ScheduleEntityIndex, request: HoldRequest, entityIds: string[], now: number): ResolvedHold {
  if (request.until !== null) {
    if (request.until <= now) fail('until', 'must be in the future');
    if (request.until - now > MAX_HOLD_MS) fail('until', 'must be within a year');
    return { entity_ids: entityIds, until: request.until, until_next_change: false };
  }
  if (request.duration_seconds !== null) return { entity_ids: entityIds, until: now + request.duration_seconds * SECOND_MS, until_next_change: false };
  const next = nextChange(core, index, entityIds, now);
  if (!next) {
    fail(request.until_next_change ? 'until_next_change' : 'until', `no schedule changes ${entityNames(core, entityIds)} from now on; give until or duration_seconds`);
  }
  return { entity_ids: entityIds, until: next.at, until_next_change: true };
}
