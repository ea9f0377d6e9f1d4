/**
 * Example recipes a user can copy and adapt (GET /api/recipes/examples). Values are common
 * starting points, not agronomy: lettuce and basil on a 16-hour day with dawn and dusk ramps,
 * microgreens with a dark (blackout) start, and a reef LED day that only ramps. Each passes the
 * same rules as a user's recipe (tests/farm/recipes.test.ts).
 */
import type { Phase } from '../domain/recipe.js';
import type { RecipeInput } from './recipes.js';

export interface RecipeExample extends RecipeInput {
  /** Stable key for `POST /api/recipes/examples/:key/copy`. */
  key: string;
}

const lettuce: RecipeExample = {
  key: 'lettuce',
  name: 'Lettuce',
  description: 'Butterhead or leaf lettuce under LED, about six weeks from seed to harvest. Misting twice a day while it germinates, then regular waterings that grow with the plants.',
  phases: [
    { name: 'Germination', days: 5, light: { on: '06:00', photoperiod_hours: 16, intensity_percent: 40, sunrise_minutes: 30, sunset_minutes: 30 }, watering: { times: ['08:00', '20:00'], duration_seconds: 30 }, steps: [] },
    { name: 'Seedling', days: 14, light: { on: '06:00', photoperiod_hours: 16, intensity_percent: 60, sunrise_minutes: 30, sunset_minutes: 30 }, watering: { every_hours: 6, duration_seconds: 60 }, steps: [] },
    { name: 'Growth', days: 25, light: { on: '06:00', photoperiod_hours: 16, intensity_percent: 90, sunrise_minutes: 30, sunset_minutes: 30 }, watering: { every_hours: 4, duration_seconds: 120 }, steps: [] },
  ],
};

const basil: RecipeExample = {
  key: 'basil',
  name: 'Basil',
  description: 'Genovese basil, eight weeks. The fan runs harder during the day in the vegetative phase; assign a fan to the zone (or the room above it) before starting.',
  phases: [
    { name: 'Germination', days: 7, light: { on: '06:00', photoperiod_hours: 16, intensity_percent: 40, sunrise_minutes: 15, sunset_minutes: 15 }, watering: { times: ['08:00', '18:00'], duration_seconds: 20 }, steps: [] },
    { name: 'Seedling', days: 14, light: { on: '06:00', photoperiod_hours: 16, intensity_percent: 70, sunrise_minutes: 30, sunset_minutes: 30 }, watering: { every_hours: 8, duration_seconds: 45 }, steps: [] },
    {
      name: 'Vegetative', days: 35,
      light: { on: '06:00', photoperiod_hours: 16, intensity_percent: 100, sunrise_minutes: 45, sunset_minutes: 45 },
      watering: { every_hours: 6, duration_seconds: 90 },
      steps: [
        { at: '07:00', role: 'fan', action: { type: 'set_level', percent: 60 } },
        { at: '21:00', role: 'fan', action: { type: 'set_level', percent: 30 } },
      ],
    },
  ],
};

const microgreens: RecipeExample = {
  key: 'microgreens',
  name: 'Microgreens',
  description: 'Radish, pea or sunflower shoots in ten days: three days in the dark under a blackout cover, then a week of full light.',
  phases: [
    { name: 'Blackout', days: 3, watering: { times: ['08:00', '20:00'], duration_seconds: 20 }, steps: [] },
    { name: 'Light', days: 7, light: { on: '06:00', photoperiod_hours: 16, intensity_percent: 100, sunrise_minutes: 15, sunset_minutes: 15 }, watering: { times: ['08:00', '20:00'], duration_seconds: 30 }, steps: [] },
  ],
};

const reefPhases: Phase[] = [
  { name: 'Acclimation', days: 14, light: { on: '10:00', photoperiod_hours: 9, intensity_percent: 40, sunrise_minutes: 90, sunset_minutes: 90 }, steps: [] },
  { name: 'Full day', days: 351, light: { on: '10:00', photoperiod_hours: 10, intensity_percent: 75, sunrise_minutes: 90, sunset_minutes: 90 }, steps: [] },
];

const reef: RecipeExample = {
  key: 'reef-day-light',
  name: 'Reef day light',
  description: 'Dawn and dusk ramps of 90 minutes for a reef LED, a year long: two weeks of acclimation at 40 % for new lights or new corals, then the full day at 75 %. Lights only.',
  phases: reefPhases,
};

export const RECIPE_EXAMPLES: readonly RecipeExample[] = [lettuce, basil, microgreens, reef];
