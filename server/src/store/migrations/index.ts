import type { Migration } from '../migrate.js';
import { foundation } from './001-foundation.js';
import { schedules } from './002-schedules.js';
import { engine } from './003-engine.js';
import { runsLocks } from './004-runs-locks.js';
import { conflicts } from './005-conflicts.js';

/** Every migration in order. Forward only: a released migration is never edited, only followed. */
export const migrations: readonly Migration[] = [foundation, schedules, engine, runsLocks, conflicts];
