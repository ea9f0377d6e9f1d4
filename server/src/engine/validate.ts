/**
 * Semantic validation of a schedule draft, after the API checked its shape: the zone and trigger
 * (time module), the window, what each target's domain can do, and that every entity exists in
 * HA. Entities are checked against HA's entity cache; while that cache is empty (HA has not
 * connected since Almanac started, so nothing is known yet) they are accepted unchecked, because
 * refusing every save during an HA restart would be worse than a later "not found" in a run.
 * Areas, devices and labels are checked against HA's registries in the same spirit: only those
 * the client could load. A level on an area, device or label that holds no light is refused too,
 * since it sets the lights there and nothing else.
 */
import type { Action, StepAction } from '../domain/action.js';
import type { Target } from '../domain/ha.js';
import type { ProblemCode } from '../domain/problem-codes.js';
import type { Location } from '../domain/trigger.js';
import { validateTrigger } from '../time/index.js';
import {
  INDIRECT_KINDS,
  LEVEL_DOMAINS,
  domainOf,
  entityIds,
  indirectMembers,
  indirectTarget,
  knownId,
  nameOf,
  only,
  switchService,
  type IndirectKind,
  type RegistryView,
} from './actions/index.js';
import type { FieldProblem } from './errors.js';
import { NO_ZONES, type HaGateway, type ZoneDirectory } from './ports.js';
import type { ScheduleDraft } from './types.js';
import { defaultEndAction } from './windows.js';

export interface ValidationEnv {
  ha: Pick<HaGateway, 'entities' | 'getState'> & RegistryView;
  location: Location | null;
  /** The farm's zones, for `{zone_id, role}` targets (none when omitted). */
  zones?: ZoneDirectory;
}

/** An unknown id's message lists HA's own ids of that kind, up to this many (a typo is then easy to spot). */
const MAX_IDS_LISTED = 10;
const ARTICLE: Record<IndirectKind, string> = { area: 'an area', device: 'a device', label: 'a label', floor: 'a floor' };
const UNKNOWN_CODE = { area: 'unknown_area', device: 'unknown_device', label: 'unknown_label', floor: 'unknown_floor' } as const satisfies Record<IndirectKind, ProblemCode>;

/** Actions that act on their target (the others name what they call). */
const NEEDS_TARGET = new Set(['on', 'off', 'toggle', 'set_level', 'ramp', 'scene', 'script']);

function hasTarget(target: Target | undefined): boolean {
  return target !== undefined && (entityIds(target).length > 0 || indirectTarget(target) !== null || target.zone_id !== undefined);
}

/** Why `entityId` cannot do `action`, or null. */
function domainProblem(action: StepAction, entityId: string): string | null {
  const domain = domainOf(entityId);
  switch (action.type) {
    case 'on':
    case 'off':
    case 'toggle':
      return switchService(domain, action.type) ? null : `${entityId} cannot be switched ${action.type === 'toggle' ? 'by toggle' : action.type}`;
    case 'set_level':
    case 'ramp':
      return LEVEL_DOMAINS.has(domain) ? null : `${entityId} has no level (levels work on lights, fans, covers, valves, numbers and media players)`;
    case 'scene': return domain === 'scene' ? null : `${entityId} is not a scene`;
    case 'script': return domain === 'script' ? null : `${entityId} is not a script`;
    default: return null;
  }
}

function checkEntities(problems: FieldProblem[], ids: string[], path: string, env: ValidationEnv, known: boolean, action?: StepAction, what = ''): void {
  ids.forEach((id, i) => {
    if (known && !env.ha.getState(id)) {
      problems.push({ path: `${path}.${i}`, message: `Home Assistant has no entity ${id}`, code: 'unknown_entity', params: { entity_id: id } });
      return;
    }
    const problem = action ? domainProblem(action, id) : null;
    if (problem) problems.push({ path: `${path}.${i}`, message: `${problem}${what}`, code: 'wrong_domain', params: { entity_id: id, action: action!.type } });
  });
}

function knownIds(kind: IndirectKind, env: ValidationEnv): string[] {
  switch (kind) {
    case 'area': return env.ha.areas().map((a) => a.area_id);
    case 'label': return env.ha.labels().map((l) => l.label_id);
    case 'device': return env.ha.devices().map((d) => d.device_id);
    case 'floor': return env.ha.floors().map((f) => f.floor_id);
  }
}

function unknownId(kind: IndirectKind, id: string, env: ValidationEnv): string {
  const ids = knownIds(kind, env).sort();
  if (ids.length === 0) return `Home Assistant has no ${kind} ${id} (it has none at all)`;
  const listed = ids.slice(0, MAX_IDS_LISTED).join(', ') + (ids.length > MAX_IDS_LISTED ? ', …' : '');
  return `Home Assistant has no ${kind} ${id} (its ${kind}s: ${listed})`;
}

/** Areas, devices and labels HA does not know; for a level, those without a light. */
function checkIndirect(problems: FieldProblem[], target: Target, path: string, env: ValidationEnv, action?: StepAction, what = ''): void {
  const level = action?.type === 'set_level' || action?.type === 'ramp';
  for (const kind of INDIRECT_KINDS) {
    (target[`${kind}_id`] ?? []).forEach((id, i) => {
      const at = `${path}.${kind}_id.${i}`;
      if (knownId(kind, id, env.ha) === false) {
        problems.push({ path: at, message: unknownId(kind, id, env), code: UNKNOWN_CODE[kind], params: { id } });
        return;
      }
      const members = level ? indirectMembers(only(kind, id), env.ha) : null;
      if (members !== null && !members.some((m) => domainOf(m) === 'light')) {
        problems.push({ path: at, message: `${nameOf(kind, id, env.ha)} has no lights, and a level on ${ARTICLE[kind]} sets its lights${what}`, code: 'no_lights', params: { name: nameOf(kind, id, env.ha) } });
      }
    });
  }
}

/** A `{zone_id, role}` target: the zone exists and it (or a zone above it) has a member of that role that can do the action. */
function checkZone(problems: FieldProblem[], target: Target, path: string, env: ValidationEnv, known: boolean, action?: StepAction, what = ''): void {
  if (target.zone_id === undefined) return;
  const zones = env.zones ?? NO_ZONES;
  if (target.role === undefined) {
    problems.push({ path: `${path}.role`, message: 'choose the role of the zone\'s devices to act on (light, pump, valve, …)', code: 'needs_role' });
    return;
  }
  const members = zones.members(target.zone_id, target.role);
  if (members === null) {
    problems.push({ path: `${path}.zone_id`, message: `there is no zone ${target.zone_id}`, code: 'unknown_zone', params: { id: target.zone_id } });
    return;
  }
  const name = zones.zoneName(target.zone_id) ?? target.zone_id;
  if (members.length === 0) {
    problems.push({ path: `${path}.role`, message: `zone "${name}" has no ${target.role}, and neither has any zone above it; assign one on the Farm page`, code: 'zone_role_missing', params: { zone: name, role: target.role } });
    return;
  }
  const before = problems.length;
  checkEntities(problems, members, `${path}.zone_id`, env, known, action, `${what} (a ${target.role} of zone "${name}")`);
  // Member problems are about the zone, not about an index the client sent.
  for (const p of problems.slice(before)) p.path = `${path}.zone_id`;
}

function checkTarget(problems: FieldProblem[], target: Target, path: string, env: ValidationEnv, known: boolean, action?: StepAction, what = ''): void {
  checkEntities(problems, entityIds(target), `${path}.entity_id`, env, known, action, what);
  checkIndirect(problems, target, path, env, action, what);
  checkZone(problems, target, path, env, known, action, what);
}

function checkAction(problems: FieldProblem[], action: Action, target: Target, prefix: string, env: ValidationEnv, known: boolean): void {
  const what = prefix === 'end_action' ? ' (end action)' : '';
  if (action.type !== 'sequence') {
    if (NEEDS_TARGET.has(action.type) && !hasTarget(target)) {
      problems.push({ path: 'target', message: `choose the entities the ${action.type} action works on`, code: 'needs_target', params: { action: action.type } });
    }
    checkTarget(problems, target, 'target', env, known, action, what);
    return;
  }
  action.steps.forEach((step, n) => {
    if (step.type === 'wait') return;
    const { target: own, ...stepAction } = step;
    if (own) checkTarget(problems, own, `${prefix}.steps.${n}.target`, env, known, stepAction);
    else if (NEEDS_TARGET.has(step.type) && !hasTarget(target)) {
      problems.push({ path: `${prefix}.steps.${n}.target`, message: `choose the entities this ${step.type} step works on`, code: 'needs_target', params: { action: step.type } });
    } else checkTarget(problems, target, 'target', env, known, stepAction, ` (step ${n + 1})`);
  });
}

function checkWindow(problems: FieldProblem[], draft: ScheduleDraft): void {
  if (draft.end_action && draft.duration_seconds === null) {
    problems.push({ path: 'duration_seconds', message: 'an end action needs a duration (when the window closes)', code: 'needs_duration' });
  }
  if (draft.duration_seconds !== null && !draft.end_action && !defaultEndAction(draft.action)) {
    problems.push({ path: 'end_action', message: `a ${draft.action.type} action has no opposite; choose the action that ends the window`, code: 'no_opposite_action', params: { action: draft.action.type } });
  }
  if (draft.action.type === 'ramp' && draft.duration_seconds !== null && draft.duration_seconds < draft.action.duration_seconds) {
    problems.push({ path: 'duration_seconds', message: 'the window must last at least as long as the ramp', code: 'window_shorter_than_ramp' });
  }
}

/** Every problem of the draft, evaluated in `zone`; [] when it can be saved. */
export function validateDraft(draft: ScheduleDraft, zone: string, env: ValidationEnv): FieldProblem[] {
  const problems: FieldProblem[] = validateTrigger(draft.trigger, zone, env.location).map((p) => ({
    path: p.path === 'timezone' ? 'timezone' : p.path ? `trigger.${p.path}` : 'trigger',
    message: p.message,
    ...(p.code ? { code: p.code } : {}),
    ...(p.params ? { params: p.params } : {}),
  }));
  if (draft.start_at !== null && draft.end_at !== null && draft.end_at <= draft.start_at) {
    problems.push({ path: 'end_at', message: 'must be after start_at', code: 'must_be_after', params: { other: 'start_at' } });
  }
  checkWindow(problems, draft);
  const known = env.ha.entities().length > 0;
  checkAction(problems, draft.action, draft.target, 'action', env, known);
  const end = draft.duration_seconds !== null ? (draft.end_action ?? defaultEndAction(draft.action)) : draft.end_action;
  if (end) checkAction(problems, end, draft.target, 'end_action', env, known);
  draft.conditions.forEach((c, i) => {
    if ('entity_id' in c && known && !env.ha.getState(c.entity_id)) {
      problems.push({ path: `conditions.${i}.entity_id`, message: `Home Assistant has no entity ${c.entity_id}`, code: 'unknown_entity', params: { entity_id: c.entity_id } });
    }
  });
  return dedupe(problems);
}

/** The same entity checked for the action and the end action is reported once. */
function dedupe(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Problems of a manual action's target and action (paths `target…`, `action…`); [] when it can be sent. */
export function validateManual(target: Target, action: StepAction, env: ValidationEnv): FieldProblem[] {
  const problems: FieldProblem[] = [];
  checkAction(problems, action, target, 'action', env, env.ha.entities().length > 0);
  return dedupe(problems);
}

/** Problems of what a hold names (paths `target…`): entities, areas, devices, labels and zones HA and the farm know. */
export function validateHoldTarget(target: Target, env: ValidationEnv): FieldProblem[] {
  const problems: FieldProblem[] = [];
  checkTarget(problems, target, 'target', env, env.ha.entities().length > 0);
  return dedupe(problems);
}
