/**
 * A small in-memory stand-in for the engine behind the bridge's ports (AlmanacSource and
 * AlmanacCommands): a plain map of schedules that emits the same bus events the engine does.
 * It replaces the engine, never the broker.
 */
import { Bus } from '../../../server/src/bus.js';
import { DEFAULT_POLICY, type Schedule } from '../../../server/src/domain/schedule.js';
import type { AppEvents } from '../../../server/src/events.js';
import type { AlmanacCommands, AlmanacSource, AlmanacStats, FeatureDevice, ScheduleView } from '../../../server/src/mqtt/ports.js';

export interface CommandCall {
  command: 'setEnabled' | 'runNow' | 'setDryRun' | 'featureCommand';
  id?: string;
  on?: boolean;
  user: string;
  /** featureCommand: the device's key and the switch's entity id. */
  key?: string;
  entity?: string;
}

/** A complete schedule with test defaults; `overrides` win. */
export function makeSchedule(id: string, overrides: Partial<Schedule> = {}): Schedule {
  return {
    id,
    name: `Schedule ${id}`,
    enabled: true,
    paused_until: null,
    pause_note: null,
    trigger: { type: 'calendar', times: ['07:00'] },
    timezone: 'Europe/Berlin',
    start_at: null,
    end_at: null,
    max_runs: null,
    target: { entity_id: ['light.shelf_1'] },
    action: { type: 'on' },
    end_action: null,
    duration_seconds: null,
    conditions: [],
    policy: DEFAULT_POLICY,
    priority: 0,
    tags: [],
    next_run_at: Date.UTC(2026, 0, 2, 6, 0),
    last_run_at: null,
    last_status: null,
    run_count: 0,
    consecutive_failures: 0,
    completed_at: null,
    version: 1,
    created_at: Date.UTC(2026, 0, 1),
    updated_at: Date.UTC(2026, 0, 1),
    grow_id: null,
    ...overrides,
  };
}

export class EngineDouble implements AlmanacSource, AlmanacCommands {
  readonly bus = new Bus<AppEvents>((error) => {
    throw error;
  });
  readonly views = new Map<string, ScheduleView>();
  readonly calls: CommandCall[] = [];
  dryRun = false;
  runs24h = 0;
  private callWaiters: ((call: CommandCall) => void)[] = [];

  constructor(schedules: Schedule[] = []) {
    for (const schedule of schedules) this.views.set(schedule.id, { schedule, state: 'enabled', running: false });
  }

  /** Feature devices (locks, zones) the double shows; `setDevices` changes them as the engine would. */
  devices: FeatureDevice[] = [];

  listSchedules(): ScheduleView[] {
    return [...this.views.values()];
  }

  featureDevices(): FeatureDevice[] {
    return this.devices;
  }

  setDevices(devices: FeatureDevice[]): void {
    this.devices = devices;
    this.bus.emit('lock.changed', { name: 'any' });
  }

  getSchedule(id: string): ScheduleView | undefined {
    return this.views.get(id);
  }

  stats(): AlmanacStats {
    const views = this.listSchedules();
    return {
      active_schedules: views.filter((v) => v.schedule.enabled).length,
      failing_schedules: views.filter((v) => v.state === 'failing').length,
      runs_24h: this.runs24h,
      failures_24h: 0,
      next_run_at: null,
      ha_connected: true,
      dry_run: this.dryRun,
    };
  }

  /** Adds or replaces a schedule, as the engine does on create/update. */
  put(schedule: Schedule, running = false): void {
    this.views.set(schedule.id, { schedule, state: schedule.enabled ? 'enabled' : 'disabled', running });
    this.bus.emit('schedule.changed', { id: schedule.id });
  }

  update(id: string, patch: Partial<Schedule>): void {
    const view = this.views.get(id);
    if (!view) throw new Error(`no schedule ${id}`);
    this.put({ ...view.schedule, ...patch }, view.running);
  }

  remove(id: string): void {
    const view = this.views.get(id);
    this.views.delete(id);
    this.bus.emit('schedule.deleted', { id, name: view?.schedule.name ?? id });
  }

  /** A run finished: counts it and emits run.updated (what the engine does per run). */
  finishRun(scheduleId: string, n: number): void {
    this.runs24h += 1;
    this.bus.emit('run.updated', {
      run: { id: `run-${n}`, schedule_id: scheduleId, planned_at: n, started_at: n, finished_at: n, status: 'success', attempt: 1, error: null, result: null, trigger: 'schedule', actor: null, spec: null, lock: null, queued_at: null, waited_ms: null },
    });
  }

  async setEnabled(id: string, enabled: boolean, user: string): Promise<void> {
    this.record({ command: 'setEnabled', id, on: enabled, user });
    this.update(id, { enabled });
  }

  async runNow(id: string, user: string): Promise<void> {
    this.record({ command: 'runNow', id, user });
    const view = this.views.get(id);
    if (view) this.views.set(id, { ...view, running: true });
    this.bus.emit('schedule.changed', { id });
  }

  async setDryRun(on: boolean, user: string): Promise<void> {
    this.record({ command: 'setDryRun', on, user });
    this.dryRun = on;
    this.bus.emit('settings.changed', { dry_run: on });
  }

  async featureCommand(key: string, entity: string, on: boolean, user: string): Promise<void> {
    this.record({ command: 'featureCommand', key, entity, on, user });
  }

  /** Resolves with the next command call (or one already made since `from`). */
  nextCall(from = 0): Promise<CommandCall> {
    const existing = this.calls[from];
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve) => this.callWaiters.push(resolve));
  }

  private record(call: CommandCall): void {
    this.calls.push(call);
    const waiters = this.callWaiters.splice(0);
    for (const resolve of waiters) resolve(call);
  }
}
