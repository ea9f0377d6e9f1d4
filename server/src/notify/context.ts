/** What the notifier's parts share: the stores, HA, the clock and the current settings. */
import type { Clock, HaGateway } from '../engine/ports.js';
import type { Logger } from '../log.js';
import type { Db } from '../store/db.js';
import type { NotificationLog } from './log.js';
import type { NotificationSettings } from './settings.js';
import type { ActiveStore } from './store.js';

export interface NotifyContext {
  db: Db;
  ha: HaGateway;
  clock: Clock;
  logger: Logger;
  active: ActiveStore;
  log: NotificationLog;
  settings(): NotificationSettings;
  /** HA's time zone (quiet hours, times in messages). */
  zone(): string;
  /** The absolute panel URL in HA for a route fragment (`#/schedules/x`), or null. */
  url(fragment: string | null): string | null;
  /** The history changed (the panel's event stream is told). */
  changed(): void;
}

/** One hour: the window of `max_per_hour`. */
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

/** Whether calls can be sent now. */
export function haConnected(ctx: Pick<NotifyContext, 'ha'>): boolean {
  return ctx.ha.status().state === 'connected';
}
