/**
 * Keeps the client's registries in step with HA over one session: lists every registry after the
 * session's states and config are in, and lists one again when HA fires its `*_registry_updated`
 * event. A registry HA refuses to list (a token without access, HA without that registry, the
 * `config` integration not loaded) is logged once and left empty: names are a convenience, never
 * a reason to drop the connection.
 */
import type { RegistryKind } from '../domain/ha.js';
import type { Logger } from '../log.js';
import type { HaRegistry } from './registry.js';

/** The list command of each registry (config/*_registry.py). */
export const REGISTRY_COMMANDS: Readonly<Record<RegistryKind, string>> = {
  area: 'config/area_registry/list',
  label: 'config/label_registry/list',
  device: 'config/device_registry/list',
  // HA 2024.4+; an older HA refuses it, and floors stay unknown (targets naming one are not checked).
  floor: 'config/floor_registry/list',
  // The display list carries area, device and labels with short keys: a fraction of `list` on big installs.
  entity: 'config/entity_registry/list_for_display',
};

/** The event HA fires when a registry changes (helpers/*_registry.py `EVENT_*_REGISTRY_UPDATED`). */
export const REGISTRY_EVENTS: Readonly<Record<string, RegistryKind>> = {
  area_registry_updated: 'area',
  label_registry_updated: 'label',
  device_registry_updated: 'device',
  entity_registry_updated: 'entity',
  floor_registry_updated: 'floor',
};

const KINDS = Object.keys(REGISTRY_COMMANDS) as RegistryKind[];

/** What the sync needs of a session. */
export interface RegistryConnection {
  /** Sends a command and resolves with its result; rejects with HA's error, a timeout or connection loss. */
  command(message: { type: string }): Promise<unknown>;
  /** Subscribes to one event type for the session's lifetime. */
  subscribeEvents(eventType: string, listener: () => void): Promise<void>;
  readonly connected: boolean;
}

export interface RegistrySyncOptions {
  registry: HaRegistry;
  logger: Logger;
  /** Kinds whose failure was already logged as a warning (kept by the client across sessions). */
  warned: Set<string>;
  /** Registries were (re)loaded; `changed` are the entities whose place moved. */
  onChange(kinds: RegistryKind[], changed: string[]): void;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}

export class RegistrySync {
  private readonly inFlight = new Map<RegistryKind, Promise<void>>();
  private readonly again = new Set<RegistryKind>();

  constructor(
    private readonly conn: RegistryConnection,
    private readonly options: RegistrySyncOptions,
  ) {}

  /** Subscribes to the change events and lists every registry. Never rejects. */
  async start(): Promise<void> {
    await Promise.all(Object.entries(REGISTRY_EVENTS).map(([event, kind]) => this.watch(event, kind)));
    const changed = new Set<string>();
    await Promise.all(KINDS.map(async (kind) => (await this.fetch(kind)).forEach((id) => changed.add(id))));
    if (this.conn.connected) this.options.onChange(KINDS, [...changed]);
  }

  /** Lists `kind` again; a change event during a listing lists once more afterwards (bursts coalesce). */
  reload(kind: RegistryKind): Promise<void> {
    const running = this.inFlight.get(kind);
    if (running) {
      this.again.add(kind);
      return running;
    }
    const run = (async () => {
      const changed = await this.fetch(kind);
      if (this.conn.connected) this.options.onChange([kind], changed);
    })().finally(() => {
      this.inFlight.delete(kind);
      if (this.again.delete(kind)) void this.reload(kind);
    });
    this.inFlight.set(kind, run);
    return run;
  }

  private async watch(event: string, kind: RegistryKind): Promise<void> {
    try {
      await this.conn.subscribeEvents(event, () => void this.reload(kind));
    } catch (error) {
      this.warnOnce(`event:${event}`, { event, err: describe(error) }, 'Cannot follow Home Assistant registry changes; names refresh on the next reconnect');
    }
  }

  /** Lists one registry into the copy; on failure empties it. Returns the entities whose place changed. */
  private async fetch(kind: RegistryKind): Promise<string[]> {
    const { registry } = this.options;
    try {
      const result = await this.conn.command({ type: REGISTRY_COMMANDS[kind] });
      if (!this.conn.connected) return [];
      this.options.warned.delete(kind);
      return registry.set(kind, result);
    } catch (error) {
      if (!this.conn.connected) return [];
      this.warnOnce(kind, { registry: kind, command: REGISTRY_COMMANDS[kind], err: describe(error) }, 'Home Assistant did not list a registry; its names stay unknown');
      return registry.clear(kind);
    }
  }

  private warnOnce(key: string, details: Record<string, unknown>, message: string): void {
    const { logger, warned } = this.options;
    if (warned.has(key)) return logger.debug(details, message);
    warned.add(key);
    logger.warn(details, message);
  }
}
