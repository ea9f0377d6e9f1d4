import type Router from '@koa/router';
import * as z from 'zod';
import type { LockWait } from '../../engine/conflicts/lock-waits.js';
import { buildTimeline, type Timeline } from '../../engine/timeline.js';
import { shiftForWaits } from '../../engine/timeline-waits.js';
import type { LockWaits } from '../../engine/types.js';
import { scheduleEntityIds } from '../../engine/zone-targets.js';
import type { Farm } from '../../farm/farm.js';
import type { Schedule } from '../../domain/schedule.js';
import { parseInstant } from '../../time/index.js';
import type { ApiContext } from '../context.js';
import { iso } from '../dto.js';
import { ValidationError } from '../errors.js';
import type { RequestState } from '../ingress-guard.js';
import { instantInput } from '../schemas/common.js';
import type { TimelineCompactDto, TimelineDto, TimelineKinds, TimelineRow, TimelineWaitDto } from '../types.js';
import { parseOrThrow } from '../validate.js';
import { engineOf } from './schedules.js';

const DAY_MS = 86_400_000;
const SECOND_MS = 1000;
/** The week view plus margin; longer ranges belong to history, not a timeline. */
const MAX_RANGE_DAYS = 31;
const DEFAULT_RANGE_DAYS = 7;
const KINDS: TimelineKinds = ['point', 'window', 'ramp'];

const query = z.lazy(() => z.strictObject({ from: instantInput.optional(), to: instantInput.optional(), format: z.enum(['compact', 'items']).default('compact') }));

type ScheduleEntry = TimelineDto['schedules'][number];

/** Zone targets are drawn on their devices' lanes (resolved through the farm's zones now). */
function scheduleEntry(s: Schedule, farm: Farm | undefined): ScheduleEntry {
  const entityIds = farm && s.target.zone_id !== undefined ? scheduleEntityIds(s, farm.tree) : (s.target.entity_id ?? []);
  return { id: s.id, name: s.name, entity_ids: entityIds, tags: s.tags, priority: s.priority, timezone: s.timezone };
}

function transitions(timeline: Timeline): TimelineDto['transitions'] {
  return timeline.transitions.map((t) => ({ ...t, at: iso(t.at) }));
}

/** A wait with its instants written by `at` (ISO or seconds after `from`). */
function waitDto<T>(w: LockWait, at: (ms: number) => T): TimelineWaitDto<T> {
  return { ...w, planned: at(w.planned), start: w.start === null ? null : at(w.start), gives_up_at: w.gives_up_at === null ? null : at(w.gives_up_at) };
}

/** Items as rows of numbers (see TimelineRow): no ISO strings to write, send or parse. */
function compact(schedules: Schedule[], timeline: Timeline, waits: LockWaits, from: number, to: number, zone: string, farm: Farm | undefined): TimelineCompactDto {
  const index = new Map(schedules.map((s, i) => [s.id, i]));
  const kinds = new Map<string, number>(KINDS.map((k, i) => [k, i]));
  const notes: Record<string, string> = {};
  const seconds = (at: number): number => (at - from) / SECOND_MS;
  const rows = timeline.items.map((item, i): TimelineRow => {
    if (item.note) notes[i] = item.note;
    return [index.get(item.schedule_id)!, kinds.get(item.kind)!, seconds(item.start), item.end === null ? null : seconds(item.end), item.level, item.from_level];
  });
  return {
    format: 'compact', from: iso(from), to: iso(to), zone,
    schedules: schedules.map((s) => ({ ...scheduleEntry(s, farm), action: s.action.type })),
    rows, notes, truncated: timeline.truncated, transitions: transitions(timeline),
    waits: waits.items.map((w) => waitDto(w, seconds)), waits_until: iso(waits.until),
  };
}

function verbose(schedules: Schedule[], timeline: Timeline, waits: LockWaits, from: number, to: number, zone: string, farm: Farm | undefined): TimelineDto {
  return {
    from: iso(from), to: iso(to), zone,
    schedules: schedules.map((s) => scheduleEntry(s, farm)),
    items: timeline.items.map((i) => ({ ...i, start: iso(i.start), end: iso(i.end) })),
    truncated: timeline.truncated,
    transitions: transitions(timeline),
    waits: waits.items.map((w) => waitDto(w, (ms: number): string => iso(ms))), waits_until: iso(waits.until),
  };
}

export function timelineRoutes(router: Router<RequestState>, api: ApiContext): void {
  /** Every schedule's points, windows and ramps in a range (default the next 7 days), compact unless `format=items`. */
  router.get('/api/timeline', (ctx) => {
    const engine = engineOf(api);
    const q = parseOrThrow(query, ctx.query);
    const zone = engine.defaultZone();
    const instant = (field: 'from' | 'to', fallback: number): number => {
      const text = q[field];
      if (!text) return fallback;
      const r = parseInstant(text, zone);
      if (!r) throw new ValidationError([{ path: field, message: 'is not a valid date and time', code: 'invalid_date_time' }]);
      return r.at;
    };
    const from = instant('from', api.clock.now());
    const to = instant('to', from + DEFAULT_RANGE_DAYS * DAY_MS);
    if (to <= from) throw new ValidationError([{ path: 'to', message: 'must be after from', code: 'must_be_after', params: { other: 'from' } }]);
    if (to - from > MAX_RANGE_DAYS * DAY_MS) throw new ValidationError([{ path: 'to', message: `the range may span at most ${MAX_RANGE_DAYS} days`, code: 'too_large', params: { max: MAX_RANGE_DAYS } }]);
    const config = api.ha.config();
    const location = config ? { latitude: config.latitude, longitude: config.longitude, elevation: config.elevation } : null;
    const schedules = engine.schedules();
    const built = buildTimeline(schedules, from, to, zone, location);
    // A run that waits for its lock is drawn when it really acts, for its full length, and its wait
    // (due → turn) is in `waits` for the mark before it (engine/timeline-waits.ts says why).
    const waits = engine.lockWaits(from, to);
    const timeline = { ...built, items: shiftForWaits(built.items, waits.items, api.clock.now()) };
    ctx.body = q.format === 'items' ? verbose(schedules, timeline, waits, from, to, zone, api.farm) : compact(schedules, timeline, waits, from, to, zone, api.farm);
  });
}
