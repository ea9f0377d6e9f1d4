/**
 * Farm benchmark (`npm run bench -- farm`), on the engine harness (fake clock, in-process HA,
 * SQLite in memory) with 1,000 ordinary schedules already stored: what a grower waits for when
 * starting a grow (validating and writing a three-phase recipe's schedules in one transaction,
 * then re-applying its open windows), moving it to a new recipe version, listing 50 grows, and
 * assigning a device to a zone (which checks every schedule that names a zone). Baseline in the
 * same run: creating one ordinary schedule. Medians of repeated operations, in milliseconds.
 * (A move whose new version changes nothing the zone decides still re-makes the schedules.)
 */
import { performance } from 'node:perf_hooks';
import type { Phase } from '../../server/src/domain/recipe.js';
import { draft, USER } from '../engine/harness.js';
import { farmHarness } from '../farm/harness.js';

const SCHEDULES = 1_000;
const GROWS = 50;
const REPEAT = 30;

const light = (percent: number) => ({ on: '06:00', photoperiod_hours: 16, intensity_percent: percent, sunrise_minutes: 30, sunset_minutes: 30 });
const PHASES: Phase[] = [
  { name: 'Seedling', days: 14, light: light(50), watering: { every_hours: 6, duration_seconds: 60 }, steps: [] },
  { name: 'Growth', days: 21, light: light(80), watering: { every_hours: 4, duration_seconds: 90 }, steps: [{ at: '12:00', role: 'fan', action: { type: 'set_level', percent: 60 } }] },
  { name: 'Finish', days: 10, light: light(100), watering: { times: ['08:00', '18:00'], duration_seconds: 120 }, steps: [] },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Number((sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(3));
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

export async function bench(): Promise<Record<string, unknown>> {
  const f = await farmHarness({ start: '2026-06-15T08:00:00Z' });
  try {
    for (let i = 0; i < SCHEDULES; i++) {
      f.h.engine.create(draft({ name: `plain ${i}`, target: { entity_id: ['switch.heater'] }, trigger: { type: 'calendar', times: [`${String(i % 24).padStart(2, '0')}:00`] } }), USER);
    }
    const baseline = Array.from({ length: REPEAT }, (_, i) => time(() => f.h.engine.create(draft({ name: `base ${i}` }), USER)));
    const recipe = f.recipe({ phases: PHASES });
    const shelves = Array.from({ length: GROWS }, (_, i) =>
      // Below the harness's shelf: its light and fan, and the room's shared pump, are inherited.
      f.farm.zones.create({ name: `Bench shelf ${i}`, kind: 'shelf', parent_id: f.shelf.id, area_id: null, water_lock: null, members: [] }, USER));
    const start = shelves.map((z) => time(() => f.grow({ zone_id: z.id, recipe_id: recipe, start_date: '2026-06-01' })));
    const grows = f.farm.grows.list();
    f.farm.recipes.update(recipe, 1, { description: 'v2' }, USER);
    const move = grows.slice(0, REPEAT).map((g) => time(() => f.farm.grows.update(g.grow.id, {}, USER)));
    const list = Array.from({ length: REPEAT }, () => time(() => f.farm.grows.list()));
    // A soil sensor moved from shelf to shelf: every schedule naming a zone is checked, no grow changes.
    const assign = Array.from({ length: REPEAT }, (_, i) => time(() => f.farm.zones.assign(shelves[i]!.id, { entity_id: 'sensor.soil', role: 'sensor' }, true, USER)));
    const schedules = f.h.engine.list().length;
    return {
      schedules,
      grows: GROWS,
      schedules_per_grow: f.h.engine.list({ grow_id: grows[0]!.grow.id }).length,
      baseline_create_schedule_ms: median(baseline),
      start_grow_ms: median(start),
      start_grow_vs_one_schedule: Number((median(start) / median(baseline)).toFixed(1)),
      move_grow_ms: median(move),
      list_50_grows_ms: median(list),
      assign_device_ms: median(assign),
    };
  } finally {
    await f.close();
  }
}
