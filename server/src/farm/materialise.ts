/**
 * A grow's recipe as ordinary schedules (DESIGN "Farm…: the API contract", Grows), pure. Each
 * phase gives, bounded by its dates in the grow's zone:
 *
 * - lights: a daily window from lights-on for the photoperiod (elapsed, so a DST night does not
 *   shorten the plants' day). Dimmable lights ramp from 0 to the intensity over the sunrise and
 *   back to 0 over the sunset, which ends the photoperiod; lights that cannot dim switch on and
 *   off. A 24-hour photoperiod is one window over the whole phase, so the lights never blink at
 *   the day's turn. A window runs past midnight into the next phase when lights-on is late; the
 *   next phase's lights then begin after it ends, so no day is lit twice.
 * - watering: windows on the zone's valves or pumps at fixed times, or every N hours from
 *   lights-on through the photoperiod (around the clock in a dark phase), holding the zone's water
 *   lock so shelves on one pump water one after another.
 * - steps: point actions at their time of day on the zone's devices of their role.
 *
 * Phases that are over (and whose last window has closed) are left out: a grow that started in
 * the past picks up at today's phase.
 */
import type { Action } from '../domain/action.js';
import type { LightSpec, Phase, WateringSpec } from '../domain/recipe.js';
import { DEFAULT_POLICY, type Policy } from '../domain/schedule.js';
import type { ZoneRole } from '../domain/zone.js';
import type { ScheduleDraft } from '../engine/types.js';
import { parseTimeOfDay } from '../time/index.js';
import { FarmValidationError } from './errors.js';
import { dayStart, wallAt, type PhaseSpan } from './grow-calendar.js';
import { wholeMinutes } from './recipe-rules.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const MINUTES_PER_DAY = 1_440;
/**
 * A phase that ended this long ago can have no window open any more (a photoperiod lasts at most a
 * day); its schedules are history. Every grow schedule's `end_at` is its phase's end, so this one
 * bound tells which schedules are past (see `isPast`).
 */
export const LAST_WINDOW_MS = DAY_MS;

/** Whether a grow schedule belongs to a phase that is over (kept as history when the grow moves). */
export function isPast(s: { end_at: number | null }, now: number): boolean {
  return s.end_at !== null && s.end_at <= now - LAST_WINDOW_MS;
}

export interface MaterialiseInput {
  grow: { id: string; name: string; timezone: string };
  zone: { id: string; name: string };
  phases: readonly Phase[];
  spans: readonly PhaseSpan[];
  /** The zone's lights can dim (levels and ramps); otherwise they are switched on and off. */
  dimmable: boolean;
  /** The role that waters the zone, or null when neither it nor a zone above has a pump or valve. */
  wateringRole: 'pump' | 'valve' | null;
  waterLock: string | null;
  now: number;
}

export type GrowPart = 'light' | 'watering' | 'step';

export interface GrowSchedule {
  phase: number;
  part: GrowPart;
  /** The step's index within its phase (steps only). */
  step?: number;
  draft: ScheduleDraft;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

function hhmm(minutes: number): string {
  const m = ((minutes % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${two(Math.floor(m / 60))}:${two(m % 60)}`;
}

function minutesOf(time: string): number {
  return Math.floor((parseTimeOfDay(time) ?? 0) / 60);
}

interface Bounds {
  start: number;
  end: number;
}

function base(input: MaterialiseInput, name: string, bounds: Bounds, role: ZoneRole, tags: string[]): ScheduleDraft {
  return {
    name, enabled: true, trigger: { type: 'calendar', times: [] }, timezone: input.grow.timezone, start_at: bounds.start, end_at: bounds.end,
    max_runs: null, target: { zone_id: input.zone.id, role }, action: { type: 'on' }, end_action: null, duration_seconds: null,
    conditions: [], policy: { ...DEFAULT_POLICY }, priority: 0, tags: ['grow', ...tags],
  };
}

/** What the lights do while the window opens and closes. */
function lightActions(light: LightSpec, dimmable: boolean): { action: Action; end_action: Action | null; sunsetSeconds: number } {
  if (!dimmable) return { action: { type: 'on' }, end_action: null, sunsetSeconds: 0 };
  const level = light.intensity_percent;
  const action: Action = light.sunrise_minutes > 0 ? { type: 'ramp', from: 0, to: level, duration_seconds: light.sunrise_minutes * 60 } : { type: 'set_level', percent: level };
  const end_action: Action = light.sunset_minutes > 0 ? { type: 'ramp', from: level, to: 0, duration_seconds: light.sunset_minutes * 60 } : { type: 'off' };
  return { action, end_action, sunsetSeconds: light.sunset_minutes * 60 };
}

/** When the previous phase's last light window ends (its lights-on on its last day plus the photoperiod). */
function lastWindowEnd(input: MaterialiseInput, index: number): number | null {
  const before = input.phases[index - 1];
  const span = input.spans[index - 1];
  if (!before?.light || !span) return null;
  const minutes = wholeMinutes(before.light.photoperiod_hours) ?? 0;
  if (minutes >= MINUTES_PER_DAY) return null;
  return wallAt(span.end_day, before.light.on, input.grow.timezone) + minutes * MINUTE_MS;
}

function lightDraft(input: MaterialiseInput, phase: Phase, light: LightSpec, bounds: Bounds, name: string): ScheduleDraft {
  const minutes = wholeMinutes(light.photoperiod_hours) ?? 0;
  const { action, end_action, sunsetSeconds } = lightActions(light, input.dimmable);
  const draft = { ...base(input, name, bounds, 'light', ['lights']), action, end_action };
  if (minutes >= MINUTES_PER_DAY) {
    // Light around the clock: one window over the whole phase.
    return { ...draft, trigger: { type: 'once', at: new Date(bounds.start).toISOString() }, duration_seconds: Math.round((bounds.end - bounds.start) / 1000) };
  }
  const index = input.phases.indexOf(phase);
  const previousEnd = lastWindowEnd(input, index);
  const start = previousEnd !== null ? Math.max(bounds.start, previousEnd) : bounds.start;
  // A window that outlasts a DST night's shorter day waits for its own end instead of being skipped.
  const policy: Policy = { ...DEFAULT_POLICY, overlap: 'queue' };
  return { ...draft, trigger: { type: 'calendar', times: [light.on] }, start_at: start, duration_seconds: minutes * 60 - sunsetSeconds, policy };
}

/** The day's watering times: fixed, or every N hours from lights-on through the photoperiod (from midnight around the clock without light). */
export function wateringTimes(watering: WateringSpec, light: LightSpec | undefined): string[] {
  if (watering.times) return [...new Set(watering.times)].sort();
  const every = wholeMinutes(watering.every_hours ?? 24) ?? MINUTES_PER_DAY;
  const from = light ? minutesOf(light.on) : 0;
  const span = light ? Math.min(wholeMinutes(light.photoperiod_hours) ?? MINUTES_PER_DAY, MINUTES_PER_DAY) : MINUTES_PER_DAY;
  const times = new Set<string>();
  for (let offset = 0; offset < span; offset += every) times.add(hhmm(from + offset));
  return [...times].sort();
}

function wateringDraft(input: MaterialiseInput, phase: Phase, watering: WateringSpec, bounds: Bounds, name: string): ScheduleDraft {
  const role = input.wateringRole!;
  return {
    ...base(input, name, bounds, role, ['watering']),
    trigger: { type: 'calendar', times: wateringTimes(watering, phase.light) },
    duration_seconds: watering.duration_seconds,
    policy: { ...DEFAULT_POLICY, lock: input.waterLock },
  };
}

function phaseSchedules(input: MaterialiseInput, phase: Phase, span: PhaseSpan): GrowSchedule[] {
  const zone = input.grow.timezone;
  const bounds = { start: dayStart(span.start_day, zone), end: dayStart(span.end_day + 1, zone) };
  const prefix = `${input.grow.name} · ${phase.name}`;
  const out: GrowSchedule[] = [];
  if (phase.light) out.push({ phase: span.index, part: 'light', draft: lightDraft(input, phase, phase.light, bounds, `${prefix} · lights`) });
  if (phase.watering) out.push({ phase: span.index, part: 'watering', draft: wateringDraft(input, phase, phase.watering, bounds, `${prefix} · watering`) });
  phase.steps.forEach((step, i) => {
    const draft = { ...base(input, `${prefix} · ${step.role} at ${step.at}`, bounds, step.role, ['step']), trigger: { type: 'calendar' as const, times: [step.at] }, action: step.action };
    out.push({ phase: span.index, part: 'step', step: i, draft });
  });
  return out;
}

/** The grow's schedules from now on; throws FarmValidationError when the zone cannot water a phase that waters. */
export function materialise(input: MaterialiseInput): GrowSchedule[] {
  const live = input.spans.filter((span) => !isPast({ end_at: dayStart(span.end_day + 1, input.grow.timezone) }, input.now));
  const thirsty = live.find((span) => input.phases[span.index]?.watering);
  if (thirsty && input.wateringRole === null) {
    throw new FarmValidationError([{
      path: 'zone_id',
      message: `zone "${input.zone.name}" has no pump or valve, and neither has any zone above it; the recipe waters in phase "${thirsty.name}"`,
    }]);
  }
  return live.flatMap((span) => phaseSchedules(input, input.phases[span.index]!, span));
}
