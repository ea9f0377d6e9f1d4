/**
 * The application's typed events (STYLE §12). The engine and the HA client publish; the live event
 * stream, the MQTT bridge and the notifier subscribe.
 */
import type { MqttHealthDto } from './api/types.js';
import type { HaConnectionStatus } from './domain/ha.js';
import type { Run } from './domain/schedule.js';

export interface AppEvents {
  [event: string]: unknown;
  'ha.connection': HaConnectionStatus;
  /** Entity ids whose state changed, appeared or went away. */
  'ha.entities': { changed: string[]; removed: string[] };
  /** A schedule was created or changed (any field, including derived ones like next_run_at). */
  'schedule.changed': { id: string };
  'schedule.deleted': { id: string; name: string };
  /** A run was created or changed status. */
  'run.updated': { run: Run };
  /** The engine re-armed its timer. */
  'engine.wake': { next_wake: number | null };
  /** Global settings changed (dry-run). */
  'settings.changed': { dry_run: boolean };
  'mqtt.status': MqttHealthDto;
  /** A lock was defined, changed or deleted, or its holders or line changed. */
  'lock.changed': { name: string };
  /** A notification was raised, sent, folded or resolved (the history changed). */
  'notifications.changed': Record<string, never>;
  /** A zone of the farm was created, changed (members, parent, lock) or deleted. */
  'zone.changed': { id: string; deleted?: boolean };
  /** A recipe was created, got a new version, or was deleted. */
  'recipe.changed': { id: string; deleted?: boolean };
  /** A grow was created, moved, cancelled, or changed day, phase or status. */
  'grow.changed': { id: string; zone_id: string };
  /** A manual hold began or ended. */
  'override.changed': { id: string };
  /** The conflicts in the horizon changed; `open`: how many are open now. */
  'conflicts.changed': { open: number };
}
