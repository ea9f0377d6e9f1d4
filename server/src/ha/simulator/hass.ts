/**
 * The simulated Home Assistant core behind the sockets: config, state machine, entity registry
 * metadata, event bus, persistent notifications, the call log, fault switches, and the timers it
 * owns (so a restart or close cancels them, like HA stopping).
 */
import { randomHex, ulid } from './ids.js';
import { SimRegistry } from './registry.js';
import { StateMachine, type StateChange } from './state-machine.js';
import { resolveTarget, type EntityMeta, type ResolvedTarget } from './targets.js';
import type { RecordedCall, SimAreaSeed, SimContext, SimDeviceSeed, SimEntitySeed, SimFloorSeed, SimLabelSeed, SimNotification, SimUserSeed } from './types.js';
import type { SimEvent } from './wire.js';
import type { ServiceRegistry } from './services.js';
import type { HaConfig } from '../../domain/ha.js';
import type { Logger } from '../../log.js';

/** A "cloud" entity reports its new state this long after the call's result (§7.14). */
const CLOUD_UPDATE_DELAY_MS = 30;

/** What `persistent_notification/subscribe` subscribers are told. */
export interface NotificationChange {
  type: 'added' | 'updated' | 'removed';
  notifications: SimNotification[];
}

export interface FaultState {
  failures: Map<string, { count: number; error: { code: string; message: string } }>;
  delayMs: number;
  /** The result of every call_service waits this long after the service ran. */
  holdResultMs: number;
  rejectAuth: boolean;
  closeAfterAuth: number;
  frozen: boolean;
  /** Registry list commands answer `unauthorized` (a token HA does not let list them). */
  refuseRegistry: boolean;
}

export class SimHass {
  readonly states: StateMachine;
  readonly meta = new Map<string, EntityMeta>();
  readonly seeds = new Map<string, SimEntitySeed>();
  readonly calls: RecordedCall[] = [];
  readonly notifications = new Map<string, SimNotification>();
  /** Integration-private memory per entity (a light's last brightness, a fan's last speed). */
  readonly memory = new Map<string, Record<string, unknown>>();
  readonly faults: FaultState = { failures: new Map(), delayMs: 0, holdResultMs: 0, rejectAuth: false, closeAfterAuth: 0, frozen: false, refuseRegistry: false };
  /** Areas, labels and devices; entity entries are `meta`. */
  readonly registry: SimRegistry;
  /** The user every command runs as: SV's admin system user, or the token's owner (§1.3). */
  readonly userId = randomHex();
  /** HA's users (`config/auth/list`); the connection's own user is added by the simulator. */
  readonly users: SimUserSeed[] = [];
  services!: ServiceRegistry;
  private readonly listeners = new Set<(event: SimEvent) => void>();
  private readonly notificationListeners = new Set<(change: NotificationChange) => void>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    public config: HaConfig & Record<string, unknown>,
    public haVersion: string,
    readonly now: () => number,
    readonly logger: Logger,
  ) {
    this.states = new StateMachine(now, (change) => this.onStateChange(change));
    this.registry = new SimRegistry(this.meta, now, (type, data) => this.fireEvent(type, data));
  }

  /** HA's resolution of a service call's target over the current states and registries (targets.ts). */
  resolveTarget(target: Record<string, unknown>): ResolvedTarget {
    return resolveTarget(target, () => this.states.ids(), (id) => this.registry.targetPlace(id), (t) => this.registry.reached(t));
  }

  /** A new context for something that happens now (a call, a device update). */
  context(userId: string | null = null, parentId: string | null = null): SimContext {
    return { id: ulid(this.now()), parent_id: parentId, user_id: userId };
  }

  /** Adds the seeds' registry data and initial states (without events: HA loads them at boot). */
  seed(seeds: SimEntitySeed[], places: { areas?: SimAreaSeed[]; labels?: SimLabelSeed[]; devices?: SimDeviceSeed[]; floors?: SimFloorSeed[] } = {}): void {
    this.registry.seed(places.areas ?? [], places.labels ?? [], places.devices ?? [], seeds, places.floors ?? []);
    for (const seed of seeds) {
      this.seeds.set(seed.entity_id, seed);
      this.meta.set(seed.entity_id, {
        area_id: seed.area_id,
        device_id: seed.device_id,
        labels: seed.labels ?? [],
        update: seed.update ?? 'local',
        hidden: seed.hidden === true,
        entity_category: seed.entity_category ?? null,
      });
      this.states.set(seed.entity_id, seed.state, seed.attributes ?? {}, this.context());
    }
  }

  onEvent(listener: (event: SimEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  fireEvent(eventType: string, data: Record<string, unknown>, context: SimContext = this.context()): void {
    const event: SimEvent = { event_type: eventType, data, time_fired: this.now(), context };
    for (const listener of [...this.listeners]) listener(event);
  }

  /**
   * Writes an entity's state as an integration would: at once for local entities, a moment later
   * for cloud ones. Keeps attributes not named in `attributes` unless `replace`.
   */
  write(entityId: string, state: string, attributes: Record<string, unknown>, context: SimContext): void {
    const apply = (): void => {
      const current = this.states.get(entityId);
      this.states.set(entityId, state, { ...current?.attributes, ...attributes }, context);
    };
    if (this.meta.get(entityId)?.update === 'cloud') this.later(CLOUD_UPDATE_DELAY_MS, apply);
    else apply();
  }

  /** Creates or replaces a persistent notification. */
  notify(notification: SimNotification): void {
    const type = this.notifications.has(notification.notification_id) ? 'updated' : 'added';
    this.notifications.set(notification.notification_id, notification);
    this.emitNotifications({ type, notifications: [notification] });
  }

  dismiss(ids: string[]): void {
    const removed = ids.map((id) => this.notifications.get(id)).filter((n): n is SimNotification => n !== undefined);
    for (const n of removed) this.notifications.delete(n.notification_id);
    if (removed.length > 0) this.emitNotifications({ type: 'removed', notifications: removed });
  }

  onNotifications(listener: (change: NotificationChange) => void): () => void {
    this.notificationListeners.add(listener);
    return () => this.notificationListeners.delete(listener);
  }

  private emitNotifications(change: NotificationChange): void {
    for (const listener of [...this.notificationListeners]) listener(change);
  }

  /** Runs `fn` after `ms`, unless the simulator restarts or closes first. */
  later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  /** Resolves after `ms`; never resolves if HA "stops" meanwhile (the work is cancelled). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.later(ms, resolve));
  }

  /** Cancels pending work (HA stop). */
  cancelTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private onStateChange(change: StateChange): void {
    this.fireEvent('state_changed', { entity_id: change.entity_id, old_state: change.old_state, new_state: change.new_state }, change.context);
  }
}
