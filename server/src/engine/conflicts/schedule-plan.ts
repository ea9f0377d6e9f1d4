/**
 * A schedule as the conflict detector sees it over the horizon: its occurrences (the planner's
 * own stepper, so DST, sun and interval rules are the live ones), what each run does to which
 * entities and for how long (the window, the end action, sequence steps, ramps), its lock, and a
 * digest of what makes its conflicts (a change of it re-opens a decision).
 */
import { createHash } from 'node:crypto';
import type { StepAction } from '../../domain/action.js';
import type { Condition, Policy } from '../../domain/schedule.js';
import type { Location } from '../../domain/trigger.js';
import type { ScheduleRecord } from '../../store/schedules.js';
import type { RegistryView } from '../actions/index.js';
import { failedCondition } from '../conditions.js';
import { targetEntities } from '../entity-gates.js';
import { forward } from '../occurrences.js';
import { stepperFor } from '../planner.js';
import type { ZoneDirectory } from '../ports.js';
import { endActionOf } from '../windows.js';
import { resolveZoneTarget } from '../zone-targets.js';
import type { Target } from '../../domain/ha.js';
import type { Interner } from './interner.js';

const SECOND_MS = 1000;
/**
 * Occurrences of one schedule looked at per horizon: a week of a 5-minute interval. A 1-second
 * interval has 604,800 in a week, and a fight every second for half an hour says all there is to say.
 */
export const MAX_OCCURRENCES = 2_016;

/** What a run does to a set of entities, relative to its start. */
export interface Template {
  /** `window`: a wanted state held; `point`: one action; `span`: a ramp's steps; `end`: the window's end action. */
  kind: 'window' | 'point' | 'span' | 'end';
  offsetMs: number;
  lengthMs: number;
  action: StepAction;
  /** A list, not a Set: almost always one or two ids, and 10,000 plans' Sets cost megabytes. */
  entities: readonly string[];
}

/** The parts of a plan that many schedules have alike: one shared copy for all of them (interner.ts). */
export interface PlanShape {
  /** What the simulation reads of the policy (a copy: the record's whole policy would stay alive with the plan). */
  policy: Pick<Policy, 'lock' | 'lock_wait_seconds' | 'overlap'>;
  /** The schedule's action type (the lanes' label). */
  actionType: string;
  /** How long a run is under way (holds its lock): the window, a sequence's waits, a ramp; 0 for an action. */
  lengthMs: number;
  templates: Template[];
  /** Every entity it touches. */
  entities: string[];
  /** Some of its conditions depend on HA states, which cannot be foreseen. */
  conditional: boolean;
}

/**
 * A schedule as the detector keeps it for the whole horizon, one per schedule: its identity, its
 * occurrences, and a shape shared with the plans alike. Never the record (~4 KB parsed). Evenly
 * spaced occurrences (a daily time in a week without a clock change, an interval) are kept as
 * the first and the step: a plan is then about 120 bytes, where a list of its own was 240.
 */
export class SchedulePlan {
  private readonly list: number[] | null;
  private readonly first: number;
  private readonly step: number;
  private readonly count: number;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly priority: number,
    /** Occurrences were cut at MAX_OCCURRENCES. */
    readonly truncated: boolean,
    /** What of the schedule it was planned from (detectionKey): a change event with the same key needs no re-check. */
    readonly key: DetectionKey,
    private readonly shape: PlanShape,
    occurrences: readonly number[],
  ) {
    const n = occurrences.length;
    const step = n > 1 ? occurrences[1]! - occurrences[0]! : 0;
    let even = true;
    for (let i = 2; even && i < n; i++) even = occurrences[i]! - occurrences[i - 1]! === step;
    this.list = even ? null : occurrences.slice();
    this.first = n > 0 ? occurrences[0]! : 0;
    this.step = step;
    this.count = n;
  }

  /** Occurrences whose runs reach into the horizon, ascending (a fresh list when kept as first and step). */
  get occurrences(): number[] {
    if (this.list) return this.list;
    const out = new Array<number>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.first + i * this.step;
    return out;
  }

  get policy(): PlanShape['policy'] {
    return this.shape.policy;
  }

  get actionType(): string {
    return this.shape.actionType;
  }

  get lengthMs(): number {
    return this.shape.lengthMs;
  }

  get templates(): Template[] {
    return this.shape.templates;
  }

  get entities(): string[] {
    return this.shape.entities;
  }

  get lock(): string | null {
    return this.shape.policy.lock;
  }

  get conditional(): boolean {
    return this.shape.conditional;
  }
}

/** What a schedule's conflicts depend on beyond its version (pauses and max_runs change without one). */
export type DetectionKey = number | string;

/**
 * The detection key of a schedule: a small number in the usual case (not paused, not completed,
 * no run limit), else a text. A text per schedule kept for 10,000 schedules cost 2 MB.
 */
export function detectionKey(s: Pick<ScheduleRecord, 'version' | 'enabled' | 'paused' | 'paused_until' | 'completed_at' | 'max_runs' | 'run_count'>): DetectionKey {
  if (!s.paused && s.paused_until === null && s.completed_at === null && s.max_runs === null) return s.version * 2 + (s.enabled ? 1 : 0);
  return `${s.version}|${s.enabled}|${s.paused}|${s.paused_until}|${s.completed_at !== null}|${s.max_runs === null ? '' : s.run_count}`;
}

export interface PlanEnv {
  from: number;
  to: number;
  location: Location | null;
  ha: RegistryView;
  zones: ZoneDirectory;
}

function entitiesOf(target: Target, env: PlanEnv): string[] {
  const resolved = resolveZoneTarget(target, env.zones);
  // A zone that names no device makes the run fail: it touches nothing.
  return resolved.ok ? [...new Set(targetEntities(resolved.value, env.ha))] : [];
}

function templatesOf(s: ScheduleRecord, env: PlanEnv): { templates: Template[]; lengthMs: number } {
  const entities = entitiesOf(s.target, env);
  const duration = s.duration_seconds !== null ? s.duration_seconds * SECOND_MS : null;
  const end = endActionOf(s);
  const endTemplate: Template[] = duration !== null && end && end.type !== 'sequence' ? [{ kind: 'end', offsetMs: duration, lengthMs: 0, action: end, entities }] : [];
  const action = s.action;
  if (action.type === 'sequence') {
    const templates: Template[] = [];
    let offset = 0;
    for (const step of action.steps) {
      if (step.type === 'wait') {
        offset += step.seconds * SECOND_MS;
        continue;
      }
      const { target, ...stepAction } = step;
      const act = stepAction as StepAction;
      const on = target ? entitiesOf(target, env) : entities;
      templates.push(act.type === 'ramp'
        ? { kind: 'span', offsetMs: offset, lengthMs: act.duration_seconds * SECOND_MS, action: act, entities: on }
        : { kind: 'point', offsetMs: offset, lengthMs: 0, action: act, entities: on });
    }
    return { templates: [...templates, ...endTemplate], lengthMs: duration ?? offset };
  }
  if (duration !== null) return { templates: [{ kind: 'window', offsetMs: 0, lengthMs: duration, action, entities }, ...endTemplate], lengthMs: duration };
  if (action.type === 'ramp') {
    const length = action.duration_seconds * SECOND_MS;
    return { templates: [{ kind: 'span', offsetMs: 0, lengthMs: length, action, entities }], lengthMs: length };
  }
  return { templates: [{ kind: 'point', offsetMs: 0, lengthMs: 0, action, entities }], lengthMs: 0 };
}

/** Time and weekday conditions are pure and judged per occurrence; state conditions cannot be foreseen. */
function clockConditions(conditions: Condition[]): Condition[] {
  return conditions.filter((c) => c.type === 'time' || c.type === 'weekday');
}

/** The occurrences whose runs reach into the horizon, as the planner would fire them. */
function occurrencesOf(s: ScheduleRecord, lengthMs: number, env: PlanEnv): { at: number[]; truncated: boolean } {
  // A timed pause moves the first fire to its end (planner.planFromNow).
  const pausedUntil = s.paused && s.paused_until !== null ? s.paused_until : null;
  const since = Math.max(env.from - lengthMs - 1, pausedUntil !== null ? pausedUntil - 1 : -Infinity);
  let found;
  try {
    found = forward(stepperFor(s, env.location), since, env.to, MAX_OCCURRENCES + 1);
  } catch {
    return { at: [], truncated: false };
  }
  const clock = clockConditions(s.conditions);
  const getState = (): undefined => undefined;
  let budget = s.max_runs === null ? Infinity : s.max_runs - s.run_count;
  const at: number[] = [];
  for (const o of found.slice(0, MAX_OCCURRENCES)) {
    if (clock.length > 0 && failedCondition(clock, { getState, now: o.at, zone: s.timezone }) !== null) continue;
    // Runs before the horizon already happened (their windows may still be open); later ones spend max_runs.
    if (o.at > env.from && budget-- <= 0) break;
    at.push(o.at);
  }
  return { at, truncated: found.length > MAX_OCCURRENCES };
}

/** Whether the schedule runs at all in the horizon: disabled and paused-until-resumed schedules do not. */
export function takesPart(s: ScheduleRecord): boolean {
  return s.enabled && !(s.paused && s.paused_until === null);
}

/** Nothing shared (a draft's plan, which is not kept). */
const ALONE: Pick<Interner, 'of'> = { of: (_key, make) => make() };

/**
 * The plan's shape: its parts that many schedules have alike (policy, actions, entity lists, the
 * run's templates), one shared copy of each, and of the whole.
 */
function shapeOf(templates: Template[], lengthMs: number, entities: string[], s: ScheduleRecord, interner: Pick<Interner, 'of'>): PlanShape {
  const list = (ids: readonly string[]): readonly string[] => interner.of(`e\u0000${ids.join('\u0000')}`, () => ids);
  const action = (a: StepAction): StepAction => interner.of(`a\u0000${JSON.stringify(a)}`, () => a);
  const { lock, lock_wait_seconds, overlap } = s.policy;
  const templatesKey = JSON.stringify(templates);
  const policyKey = JSON.stringify([lock, lock_wait_seconds, overlap]);
  const conditional = s.conditions.some((c) => c.type === 'state' || c.type === 'numeric');
  return interner.of(`s\u0000${templatesKey}\u0000${policyKey}\u0000${s.action.type}\u0000${lengthMs}\u0000${entities.join('\u0000')}\u0000${conditional}`, () => ({
    templates: interner.of(`t\u0000${templatesKey}`, () => templates.map((t) => ({ ...t, action: action(t.action), entities: list(t.entities) }))),
    entities: list(entities) as string[],
    policy: interner.of(`p\u0000${policyKey}`, () => ({ lock, lock_wait_seconds, overlap })),
    actionType: s.action.type,
    lengthMs,
    conditional,
  }));
}

/** The schedule's plan over the horizon, or null when it does not run in it; `interner` shares its common parts with other plans. */
export function planOf(s: ScheduleRecord, env: PlanEnv, interner: Pick<Interner, 'of'> | null = null): SchedulePlan | null {
  if (!takesPart(s)) return null;
  const { templates, lengthMs } = templatesOf(s, env);
  const occurrences = occurrencesOf(s, lengthMs, env);
  const entities = new Set<string>();
  for (const t of templates) for (const id of t.entities) entities.add(id);
  const shape = shapeOf(templates, lengthMs, [...entities], s, interner ?? ALONE);
  return new SchedulePlan(s.id, s.name, s.priority, occurrences.truncated, detectionKey(s), shape, occurrences.at);
}

/**
 * What a decision about this schedule's conflicts depends on: when it runs, how long, what it does,
 * its lock. A rename, tags, priority or another target that keeps the entity leave it unchanged.
 */
export function fingerprint(s: ScheduleRecord): string {
  const known = digests.get(s);
  if (known !== undefined) return known;
  const parts = [s.trigger, s.timezone, s.start_at, s.end_at, s.duration_seconds, s.action, s.end_action, s.conditions, s.policy.lock, s.policy.lock_wait_seconds, s.policy.overlap];
  const digest = createHash('sha1').update(JSON.stringify(parts)).digest('base64url').slice(0, DIGEST_LENGTH);
  digests.set(s, digest);
  return digest;
}

/** Digests by record (a changed schedule is a new record object, so entries go stale by themselves). */
const digests = new WeakMap<ScheduleRecord, string>();
/** Characters of the digest kept: 96 bits. */
const DIGEST_LENGTH = 16;
