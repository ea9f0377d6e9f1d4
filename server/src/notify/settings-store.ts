/**
 * The notification settings in the store (settings key `notifications`), versioned and audited.
 * The first read of an install that has none writes the defaults made from the add-on options, so
 * an upgrade keeps what the options said and later option edits no longer matter (DOCS.md).
 */
import type { Actor, AuditLog } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { SettingsStore } from '../store/settings.js';
import { completeSettings, type NotificationSettings } from './settings.js';
import { inTransaction } from '../store/transaction.js';

const KEY = 'notifications';
/** The audit subject id of these settings (subject type `settings`). */
export const SETTINGS_SUBJECT_ID = 'notifications';
/** Who wrote the first settings: Almanac itself, from the add-on options. */
const SEED_ACTOR: Actor = { id: null, name: 'Almanac' };

export interface VersionedSettings {
  settings: NotificationSettings;
  version: number;
}

/** A PUT carried an old `version`: someone else saved meanwhile. Nothing was written. */
export class StaleSettingsError extends Error {
  constructor(readonly current: number, readonly given: number) {
    super(`The notification settings were changed meanwhile (version ${current}, yours ${given}); reload them and apply your change again`);
    this.name = 'StaleSettingsError';
  }
}

export class NotificationSettingsStore {
  private cached: VersionedSettings | null = null;
  private readonly store: SettingsStore;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly now: () => number,
    private readonly defaults: NotificationSettings,
  ) {
    this.store = new SettingsStore(db);
  }

  /** The current settings; seeds them from the defaults on first use. */
  current(): VersionedSettings {
    if (this.cached) return this.cached;
    const saved = this.store.get<{ version: number; settings: Partial<NotificationSettings> }>(KEY);
    if (saved) {
      this.cached = { version: saved.version, settings: completeSettings(saved.settings, this.defaults) };
      return this.cached;
    }
    const seeded: VersionedSettings = { version: 1, settings: this.defaults };
    inTransaction(this.db, () => {
      this.store.set(KEY, seeded);
      this.audit.record(this.now(), SEED_ACTOR, 'create', 'settings', SETTINGS_SUBJECT_ID, undefined, { ...seeded.settings, source: 'add-on options' });
    });
    this.cached = seeded;
    return seeded;
  }

  /** Replaces the settings (audited). `version`, when given, must be the current one. */
  save(next: NotificationSettings, actor: Actor, version?: number): VersionedSettings {
    const current = this.current();
    if (version !== undefined && version !== current.version) throw new StaleSettingsError(current.version, version);
    const saved: VersionedSettings = { version: current.version + 1, settings: next };
    inTransaction(this.db, () => {
      this.store.set(KEY, saved);
      this.audit.record(this.now(), actor, 'update', 'settings', SETTINGS_SUBJECT_ID, current.settings, next);
    });
    this.cached = saved;
    return saved;
  }
}
