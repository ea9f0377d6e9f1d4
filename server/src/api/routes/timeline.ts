import type Router from '@koa/router';
import { z } from 'zod';
import { buildTimeline } from '../../engine/timeline.js';
import { scheduleEntityIds } from '../../engine/zone-targets.js';
import { parseInstant } from '../../time/index.js';
import type { ApiContext } from '../context.js';
import { iso } from '../dto.js';
import { ValidationError } from '../errors.js';
import type { RequestState } from '../ingress-guard.js';
import { instantInput } from '../schemas/common.js';
import type { TimelineDto } from '../types.js';
import { parseOrThrow } from '../validate.js';
import { engineOf } from './schedules.js';

const DAY_MS = 86_400_000;
/** The week view plus margin; longer ranges belong to history, not a timeline. */
const MAX_RANGE_DAYS = 31;
const DEFAULT_RANGE_DAYS = 7;

const query = z.strictObject({ from: instantInput.optional(), to: instantInput.optional() });

export function timelineRoutes(router: Router<RequestState>, api: ApiContext): void {
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
    const schedules = engine.list().map((v) => v.schedule);
    const timeline = buildTimeline(schedules, from, to, zone, location);
    const body: TimelineDto = {
      from: iso(from),
      to: iso(to),
      zone,
      // Zone targets are drawn on their devices' lanes (resolved through the farm's zones now).
      schedules: schedules.map((s) => ({ id: s.id, name: s.name, entity_ids: api.farm && s.target.zone_id !== undefined ? scheduleEntityIds(s, api.farm.tree) : (s.target.entity_id ?? []), tags: s.tags, priority: s.priority, timezone: s.timezone })),
      items: timeline.items.map((i) => ({ ...i, start: iso(i.start), end: iso(i.end) })),
      truncated: timeline.truncated,
      transitions: timeline.transitions.map((t) => ({ ...t, at: iso(t.at) })),
    };
    ctx.body = body;
  });
}
