/**
 * An in-process stand-in for the `HaGateway` port, for fake-clock engine tests (the real client and
 * simulator run on real sockets and real time). It behaves like HA where the engine can tell:
 * services change entity states as HA's do, unknown services fail with `not_found`, values out of
 * range with `service_validation_error` / `invalid_format`, unknown entities are a silent success,
 * and while disconnected every call fails as the real client's does (transient `not_connected`).
 */
import type { Area, Device, EntityPlace, EntityState, Floor, HaConfig, HaContext, HaConnectionStatus, Label, ServiceCall, ServiceResult } from '../../server/src/domain/ha.js';
import { ServiceCallError, type Clock, type HaGateway, type HaGatewayEvents } from '../../server/src/engine/ports.js';

export interface CallLog {
  at: number;
  call: ServiceCall;
}

type Listener = (...args: never[]) => void;

/** HA's registries as the client would have loaded them. */
export interface FakeRegistry {
  areas: Area[];
  labels: Label[];
  devices: Device[];
  /** Entity id → place (own area, else its device's, as the client computes it). */
  places: Record<string, EntityPlace>;
  floors?: Floor[];
}

const BERLIN: HaConfig = { time_zone: 'Europe/Berlin', latitude: 52.52, longitude: 13.405, elevation: 34, version: '2026.9.0', location_name: 'Home' };

/** A typical installation: grow shelf lights (one fades), a pump, valves, a fan, a dosing number, a soil sensor. */
export function defaultEntities(): EntityState[] {
  const e = (entity_id: string, state: string, attributes: Record<string, unknown> = {}): EntityState => ({
    entity_id, state, attributes: { friendly_name: entity_id, ...attributes }, last_changed: '', last_updated: '',
  });
  return [
    e('light.shelf', 'off', { supported_features: 32, brightness: null }),
    e('light.plain', 'off', { supported_features: 0, brightness: null }),
    e('switch.pump', 'off'),
    e('switch.heater', 'off'),
    e('valve.zone1', 'closed', { current_position: 0, supported_features: 15 }),
    e('valve.zone2', 'closed', { current_position: 0, supported_features: 15 }),
    e('cover.blind', 'closed', { current_position: 0 }),
    e('fan.vent', 'off', { percentage: 0 }),
    e('number.dose', '0.0', { min: 0, max: 50, step: 0.5 }),
    e('input_number.level', '0.0', { min: 0, max: 100, step: 1 }),
    e('sensor.soil', '30'),
    e('binary_sensor.door', 'off'),
    e('script.feed', 'off'),
    e('scene.evening', 'unknown'),
  ];
}

const SIMPLE_SERVICES: Record<string, Record<string, string | null>> = {
  switch: { turn_on: 'on', turn_off: 'off', toggle: 'toggle' },
  input_boolean: { turn_on: 'on', turn_off: 'off', toggle: 'toggle' },
  script: { turn_on: null, turn_off: null, toggle: null },
  scene: { turn_on: null },
};

export class FakeHa implements HaGateway {
  readonly calls: CallLog[] = [];
  readonly notifications = new Map<string, { title?: string; message: string }>();
  /** Extra services that exist (notify.mobile_app_phone, …). */
  readonly services = new Set<string>(['notify.mobile_app_phone']);
  private readonly states = new Map<string, EntityState>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly failures: { service: string; left: number; error: ServiceCallError }[] = [];
  /** Calls started inside each `batch` (the engine sends the calls of one instant in one go), in order. */
  readonly batches: number[] = [];
  private batching: number | null = null;
  private held: { resolve: () => void }[] = [];
  private holding = false;
  private answersLate = false;
  private connected = true;
  private seq = 0;
  /** None by default: the registries count as not loaded, so ids are not checked. */
  private registry: FakeRegistry | null = null;
  /** HA's users by id (`userName`). */
  readonly users = new Map<string, string>([['supervisor', 'Supervisor']]);
  /** The context of the call being applied: its state writes carry it, as HA's do. */
  private writing: HaContext | null = null;

  constructor(private readonly clock: Clock, entities: EntityState[] = defaultEntities(), private haConfig: HaConfig | null = BERLIN) {
    for (const entity of entities) this.states.set(entity.entity_id, structuredClone(entity));
  }

  status(): HaConnectionStatus {
    return { state: this.connected ? 'connected' : 'disconnected', ha_version: '2026.9.0', error: null, since: this.clock.now() };
  }

  config(): HaConfig | null {
    return this.haConfig;
  }

  getState(entityId: string): EntityState | undefined {
    return this.states.get(entityId);
  }

  entities(): EntityState[] {
    return [...this.states.values()];
  }

  areas(): Area[] {
    return this.registry?.areas ?? [];
  }

  labels(): Label[] {
    return this.registry?.labels ?? [];
  }

  devices(): Device[] {
    return this.registry?.devices ?? [];
  }

  floors(): Floor[] {
    return this.registry?.floors ?? [];
  }

  entityPlace(entityId: string): EntityPlace {
    return this.registry?.places[entityId] ?? { area_id: null, device_id: null, labels: [] };
  }

  registryLoaded(): boolean {
    return this.registry !== null;
  }

  /** HA's registries were loaded (or changed). */
  setRegistry(registry: FakeRegistry): void {
    this.registry = structuredClone(registry);
    this.emit('registry', ['area', 'label', 'device', 'entity', 'floor']);
  }

  on<K extends keyof HaGatewayEvents>(event: K, listener: HaGatewayEvents[K]): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  private emit(event: keyof HaGatewayEvents, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) (listener as (...a: unknown[]) => void)(...args);
  }

  /** HA goes away (calls fail transiently) or comes back (config, then `ready`, as the client does). */
  setConnected(connected: boolean): void {
    this.connected = connected;
    this.emit('connection', this.status());
    if (connected) {
      if (this.haConfig) this.emit('config', this.haConfig);
      this.emit('ready');
    }
  }

  /** The next `n` calls of `service` ("light.turn_on", or "*") fail with `error`. */
  failNext(service: string, n: number, error: ServiceCallError): void {
    this.failures.push({ service, left: n, error });
  }

  /** Calls are accepted but their answers wait for `release()` (a call in flight). */
  hold(): void {
    this.holding = true;
  }

  /** Calls change the entities at once, but their answers wait for `release()` (HA answering slowly). */
  holdAnswers(): void {
    this.answersLate = true;
  }

  /** The process listening died: its listeners are gone (HA itself keeps its states). */
  detachListeners(): void {
    this.listeners.clear();
  }

  /** The process that made the held calls died: their answers never arrive, new calls are answered again. */
  abandon(): void {
    this.holding = false;
    this.held = [];
  }

  release(): void {
    this.holding = false;
    this.answersLate = false;
    for (const h of this.held.splice(0)) h.resolve();
  }

  /**
   * Writes a state as HA would report it. Without `context` the write comes from the device itself
   * (a wall switch: a fresh context without user); `{ user_id }` stands for a person on HA's dashboard.
   */
  setState(entityId: string, state: string, attributes: Record<string, unknown> = {}, context?: Partial<HaContext>): void {
    const old = this.states.get(entityId);
    const ctx: HaContext = this.writing ?? { id: `dev-${++this.seq}`, parent_id: null, user_id: null, ...context };
    const next: EntityState = { entity_id: entityId, state, attributes: { ...(old?.attributes ?? {}), ...attributes }, last_changed: '', last_updated: '', context: ctx };
    this.states.set(entityId, next);
    this.emit('entities', [entityId]);
    // Like the real client: a change made while disconnected arrives in the next snapshot, not live.
    if (this.connected) this.emit('state', { entity_id: entityId, old_state: old ?? null, new_state: next });
  }

  async userName(userId: string): Promise<string | null> {
    return this.users.get(userId) ?? null;
  }

  setConfig(config: HaConfig): void {
    this.haConfig = config;
    this.emit('config', config);
  }

  /** Calls of one service, e.g. "switch.turn_on". */
  callsOf(service: string): CallLog[] {
    return this.calls.filter((c) => `${c.call.domain}.${c.call.service}` === service);
  }

  /** Counts the calls `fn` starts as one batch (the real client sends them in one frame). */
  batch<T>(fn: () => T): T {
    if (this.batching !== null) return fn();
    this.batching = 0;
    try {
      return fn();
    } finally {
      this.batches.push(this.batching);
      this.batching = null;
    }
  }

  async callService(call: ServiceCall): Promise<ServiceResult> {
    if (!this.connected) throw new ServiceCallError('transient', 'not_connected', 'Not connected to Home Assistant');
    if (this.batching !== null) this.batching += 1;
    this.calls.push({ at: this.clock.now(), call: structuredClone(call) });
    const name = `${call.domain}.${call.service}`;
    const failure = this.failures.find((f) => f.left > 0 && (f.service === '*' || f.service === name));
    if (this.holding) await new Promise<void>((resolve) => this.held.push({ resolve }));
    if (failure) {
      failure.left -= 1;
      throw failure.error;
    }
    const context: HaContext = { id: `ctx-${++this.seq}`, parent_id: null, user_id: 'supervisor' };
    this.writing = context;
    try {
      this.apply(call);
    } finally {
      this.writing = null;
    }
    if (this.answersLate) await new Promise<void>((resolve) => this.held.push({ resolve }));
    return { context };
  }

  private targets(call: ServiceCall): EntityState[] {
    const ids = call.target?.entity_id ?? [];
    return ids.map((id) => this.states.get(id)).filter((e) => e !== undefined);
  }

  private write(entity: EntityState, state: string, attributes: Record<string, unknown> = {}): void {
    this.setState(entity.entity_id, state, attributes);
  }

  private apply(call: ServiceCall): void {
    const { domain, service } = call;
    const data = call.data ?? {};
    if (domain === 'persistent_notification') return this.notification(service, data);
    if (domain === 'homeassistant') {
      for (const entity of this.targets(call)) this.apply({ ...call, domain: entity.entity_id.split('.')[0]!, target: { entity_id: [entity.entity_id] } });
      return;
    }
    const simple = SIMPLE_SERVICES[domain];
    if (simple && service in simple) {
      const to = simple[service];
      for (const e of this.targets(call)) if (to) this.write(e, to === 'toggle' ? (e.state === 'on' ? 'off' : 'on') : to);
      return;
    }
    if (domain === 'light') return this.light(service, data, call);
    if (domain === 'fan' && ['turn_on', 'turn_off', 'set_percentage'].includes(service)) return this.fan(service, data, call);
    if ((domain === 'valve' || domain === 'cover') && this.position(domain, service, data, call)) return;
    if ((domain === 'number' || domain === 'input_number') && service === 'set_value') return this.number(domain, data, call);
    if (this.services.has(`${domain}.${service}`)) return;
    throw new ServiceCallError('permanent', 'not_found', `Service ${domain}.${service} not found.`);
  }

  private notification(service: string, data: Record<string, unknown>): void {
    const id = String(data.notification_id);
    if (service === 'create') this.notifications.set(id, { message: String(data.message), ...(data.title ? { title: String(data.title) } : {}) });
    else if (service === 'dismiss') this.notifications.delete(id);
    else throw new ServiceCallError('permanent', 'not_found', `Service persistent_notification.${service} not found.`);
  }

  private light(service: string, data: Record<string, unknown>, call: ServiceCall): void {
    if (!['turn_on', 'turn_off', 'toggle'].includes(service)) throw new ServiceCallError('permanent', 'not_found', `Service light.${service} not found.`);
    const pct = data.brightness_pct;
    if (typeof pct === 'number' && (pct < 0 || pct > 100)) {
      throw new ServiceCallError('permanent', 'invalid_format', "value must be at most 100 at 'brightness_pct'");
    }
    for (const e of this.targets(call)) {
      const on = service === 'turn_on' ? pct !== 0 : service === 'toggle' ? e.state !== 'on' : false;
      const brightness = on ? (typeof pct === 'number' ? Math.round((pct * 255) / 100) : (e.attributes.brightness ?? 255)) : null;
      this.write(e, on ? 'on' : 'off', { brightness });
    }
  }

  private fan(service: string, data: Record<string, unknown>, call: ServiceCall): void {
    for (const e of this.targets(call)) {
      const percentage = service === 'turn_off' ? 0 : service === 'set_percentage' ? Number(data.percentage) : 100;
      this.write(e, percentage > 0 ? 'on' : 'off', { percentage });
    }
  }

  private position(domain: string, service: string, data: Record<string, unknown>, call: ServiceCall): boolean {
    const kind = domain === 'valve' ? 'valve' : 'cover';
    const map: Record<string, number | 'toggle' | 'data'> = { [`open_${kind}`]: 100, [`close_${kind}`]: 0, toggle: 'toggle', [`set_${kind}_position`]: 'data' };
    const op = map[service];
    if (op === undefined) return false;
    for (const e of this.targets(call)) {
      const now = Number(e.attributes.current_position ?? 0);
      const position = op === 'toggle' ? (now > 0 ? 0 : 100) : op === 'data' ? Number(data.position) : op;
      this.write(e, position > 0 ? 'open' : 'closed', { current_position: position });
    }
    return true;
  }

  private number(domain: string, data: Record<string, unknown>, call: ServiceCall): void {
    for (const e of this.targets(call)) {
      const value = Number(data.value);
      const min = Number(e.attributes.min);
      const max = Number(e.attributes.max);
      if (value < min || value > max) {
        if (domain === 'input_number') throw new ServiceCallError('permanent', 'invalid_format', `Invalid value for ${e.entity_id}: ${value} (range ${min} - ${max})`);
        throw new ServiceCallError('permanent', 'service_validation_error', `Validation error: Value ${value} for ${e.entity_id} is outside valid range ${min} - ${max}`);
      }
      this.write(e, String(value), {});
    }
  }
}
