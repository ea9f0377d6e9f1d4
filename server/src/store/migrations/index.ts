import type { Migration } from '../migrate.js';
import { foundation } from './001-foundation.js';
import { schedules } from './002-schedules.js';
import { engine } from './003-engine.js';
import { scheduleLists } from './004-schedule-lists.js';

/** Every migration in order. Forward only: a released migration is never edited, only followed. */
export const migrations: readonly Migration[] = [foundation, schedules, engine, scheduleLists];
