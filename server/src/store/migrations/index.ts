import type { Migration } from '../migrate.js';
import { foundation } from './001-foundation.js';
import { schedules } from './002-schedules.js';
import { engine } from './003-engine.js';
import { runsLocks } from './004-runs-locks.js';
import { notifications } from './005-notifications.js';
import { farm } from './006-farm.js';
import { overrides } from './007-overrides.js';
import { conflicts } from './008-conflicts.js';
import { scheduleLists } from './009-schedule-lists.js';
import { wakeIndex } from './010-wake-index.js';

/** Every migration in order. Forward only: a released migration is never edited, only followed. */
export const migrations: readonly Migration[] = [foundation, schedules, engine, runsLocks, notifications, farm, overrides, conflicts, scheduleLists, wakeIndex];
